"use client";

import Link from "next/link";
import { useEffect } from "react";
import { buttonClasses } from "@/components/ui/button-styles";

interface ErrorPageProps {
  error: unknown;
  retry: () => void;
}

// Server errors arrive with only a digest (the message is hidden in production); showing it lets
// someone quote it when reporting the problem, and it matches the server log entry.
function digestOf(error: unknown): string | undefined {
  if (error instanceof Error && "digest" in error && typeof error.digest === "string") return error.digest;
  return undefined;
}

export default function ErrorPage({ error, retry }: ErrorPageProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = digestOf(error);

  return (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <h1 className="text-3xl font-semibold tracking-tight text-balance text-foreground">
        Something went wrong
      </h1>
      <p className="mt-4 text-pretty text-muted">
        Sorry, this page hit a snag on our side. Your photos are safe. Try again in a moment, and if it keeps
        happening, let the site&rsquo;s administrator know.
      </p>
      {digest ? (
        <p className="mt-3 text-xs text-muted">
          Error reference: <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <button type="button" onClick={() => retry()} className={buttonClasses("primary", "md")}>
          Try again
        </button>
        <Link href="/" className={buttonClasses("secondary", "md")}>
          Back to Explore
        </Link>
      </div>
    </div>
  );
}
