import "server-only";

// Prisma's codes for "no connection": can't reach the server, timed out, connection closed.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
// PostgreSQL's: shutting down, crashed, starting up (57P0x), connection failures (class 08), too
// many connections (53300); and the socket errors of a server that is not listening.
const DRIVER_CODE = /^(57P0[1-3]|08[0-9A-Z]{3}|53300|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/;
const FIELDS = ["cause", "meta", "driverAdapterError"] as const;

/**
 * The database is down or restarting (as opposed to a bad query): the request may succeed if tried
 * again, so it is answered 503 rather than 500. Looks through the error's causes, where Prisma and
 * its pg adapter keep the driver's code.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const e = error as Record<string, unknown>;
  for (const key of ["code", "originalCode"]) {
    const code = e[key];
    if (typeof code === "string" && (PRISMA_CODES.has(code) || DRIVER_CODE.test(code))) return true;
  }
  // The adapter's own words for an unreachable server, when it carries no code.
  if (e.kind === "DatabaseNotReachable" || e.kind === "ConnectionClosed" || e.kind === "SocketTimeout")
    return true;
  return FIELDS.some((key) => isDatabaseUnavailable(e[key], depth + 1));
}
