import "server-only";
import { headers } from "next/headers";

// Auth.js swallows an error thrown while it reads the session and answers "nobody". The error is
// kept here for the rest of the request (keyed by its headers, one object per request) so that
// getCurrentUser can answer a database outage as one (a 503 to retry) instead of "signed out",
// even when the database is back a moment later.
const failures = new WeakMap<object, unknown>();

export async function rememberSessionLookupFailure(error: unknown): Promise<void> {
  try {
    failures.set(await headers(), error);
  } catch {
    // Outside a request (a script): nothing to answer.
  }
}

export async function sessionLookupFailure(): Promise<unknown> {
  try {
    return failures.get(await headers());
  } catch {
    return undefined;
  }
}
