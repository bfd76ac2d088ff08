// Page searchParams as Next passes them (after awaiting the promise).
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, ignoring repeats. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === "" ? undefined : first;
}

/**
 * Where to go after signing in. Passed through as-is (length-capped); the sign-in/up actions are
 * responsible for only following same-site destinations.
 */
export function callbackUrlFrom(searchParams: SearchParams): string | undefined {
  const value = firstParam(searchParams.callbackUrl)?.trim();
  return value && value.length <= 2000 ? value : undefined;
}

/** `path` with `?callbackUrl=…` when there is one, so switching between sign-in and sign-up keeps it. */
export function withCallbackUrl(path: string, callbackUrl: string | undefined): string {
  return callbackUrl ? `${path}?callbackUrl=${encodeURIComponent(callbackUrl)}` : path;
}
