// Turns the `?error=` codes that Auth.js puts on the sign-in URL into something a person can act on.
const messages: Record<string, string> = {
  OAuthAccountNotLinked:
    "That email already has a Pinhole account. Sign in with your password; you can link the provider from Settings afterwards.",
  AccessDenied: "Sign-in was cancelled or not allowed. You can try again, or use your email and password.",
  Configuration:
    "Signing in with that provider isn’t working on this site right now. Please use your email and password.",
  SessionRequired: "Please sign in to continue.",
};

const fallback = "We couldn’t sign you in. Please try again.";

export function describeAuthError(code: string): string {
  return Object.hasOwn(messages, code) ? (messages[code] ?? fallback) : fallback;
}
