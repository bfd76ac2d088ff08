import "server-only";

/** Whoever is asking: a signed-in user, or null for an anonymous visitor. */
export type Viewer = { id: string; role: "USER" | "ADMIN" } | null;
