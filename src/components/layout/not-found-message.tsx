import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-styles";

export function NotFoundMessage() {
  return (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <p className="font-mono text-sm font-medium tracking-widest text-accent">404</p>
      <h1 className="mt-3 text-3xl font-semibold tracking-tight text-balance text-foreground sm:text-4xl">
        This picture is out of frame
      </h1>
      <p className="mt-4 text-pretty text-muted">
        We couldn&rsquo;t find that page. The link may be mistyped, or the photo or person may have moved,
        gone private, or been removed.
      </p>
      <div className="mt-8">
        <Link href="/" className={buttonClasses("primary", "md")}>
          Back to Explore
        </Link>
      </div>
    </div>
  );
}
