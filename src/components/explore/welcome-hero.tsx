import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-styles";
import { PhotoMosaicPlaceholder } from "./photo-mosaic-placeholder";

// What a signed-out visitor sees first: what Pinhole is and how to join.
export function WelcomeHero() {
  return (
    <section aria-labelledby="welcome-heading" className="grid items-center gap-10 md:grid-cols-2">
      <div>
        <h1
          id="welcome-heading"
          className="text-4xl font-semibold tracking-tight text-balance text-foreground sm:text-5xl"
        >
          Share the photos you love.
        </h1>
        <p className="mt-4 max-w-prose text-lg text-pretty text-muted">
          Pinhole is a calm home for your pictures. Upload in full quality, organise them into albums, and
          share with everyone or just the people you choose.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/sign-up" className={buttonClasses("primary", "lg")}>
            Sign up
          </Link>
          <Link href="/sign-in" className={buttonClasses("secondary", "lg")}>
            Sign in
          </Link>
        </div>
      </div>
      <PhotoMosaicPlaceholder />
    </section>
  );
}
