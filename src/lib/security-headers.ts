// The security headers every answer carries (README: Security headers), in one place for the three
// that send them: next.config.ts (every route Next serves, on any host), src/proxy.ts (the per-request
// CSP nonce) and `npm start`'s front (src/server/http/pinhole-server.ts, the media it answers itself).

/**
 * Paths other sites may frame (an embed endpoint): they get `frame-ancestors *` and no
 * X-Frame-Options. Everything else refuses every frame, so a page cannot be clicked through from
 * under another site's overlay. None exists yet; an embed route is added here, by its path prefix.
 */
export const FRAMEABLE_PATH_PREFIXES: readonly string[] = [];

export function isFrameable(pathname: string): boolean {
  return FRAMEABLE_PATH_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Browser features no page uses, refused to the page and to anything it could frame. */
export const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

/** Two years, with subdomains: sent only on answers that came over https (see hsts in next.config.ts). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** The headers that are the same on every answer, for a path that may not be framed. */
export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  { key: "X-Frame-Options", value: "DENY" },
];

// Styles: React writes style attributes (the justified grid's sizes), which no nonce can cover.
// Images: same-origin media, thumbhash placeholders (data:) and upload previews (blob:). No
// form-action: Chrome applies it to the redirects after a submit, and signing in with GitHub or
// OIDC is a form whose answer redirects to the provider.
function policy(scripts: string, pathname: string): string {
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `frame-ancestors ${isFrameable(pathname) ? "*" : "'none'"}`,
  ].join("; ");
}

/**
 * A page rendered for this request: only scripts carrying this request's nonce run, and the scripts
 * they load ('strict-dynamic': Next's chunks). Next finds the nonce in the request's own CSP header
 * and puts it on every script it writes. React's development build needs eval.
 */
export function noncePagePolicy(nonce: string, pathname: string, dev = false): string {
  return policy(`'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`, pathname);
}

/**
 * A page served from the page cache (a person's photostream for anonymous visitors): the same HTML
 * for everyone, so no nonce can be in it, and Next's inline scripts (the RSC payload) differ per
 * page. Scripts are limited to this origin and inline ones; everything else is as strict as above.
 */
export function cachedPagePolicy(pathname: string, dev = false): string {
  return policy(`'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`, pathname);
}

/** JSON and other answers that are not documents: nothing may load or frame them. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";
