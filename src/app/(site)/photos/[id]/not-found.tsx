import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-styles";

// The same words whether the photo never existed, was deleted, or is someone else's private photo.
export default function PhotoNotFound() {
  return (
    <div
      data-testid="photo-not-found"
      className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-20 text-center"
    >
      <p className="font-mono text-sm font-medium tracking-widest text-accent">404</p>
      <h1 className="mt-3 text-3xl font-semibold tracking-tight text-balance text-foreground">
        This photo isn&rsquo;t here
      </h1>
      <p className="mt-4 text-pretty text-muted">
        The link may be mistyped, or the photo may have gone private or been deleted.
      </p>
      <div className="mt-8">
        <Link href="/" className={buttonClasses("primary", "md")}>
          Back to Explore
        </Link>
      </div>
    </div>
  );
}
