import "server-only";
import pg from "pg";

/** A start-up problem with one clear cause, printed as a single line. */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StartupError";
  }
}

/** The URL without its password, safe to print. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

interface PgLikeError {
  code?: string;
  message?: string;
}

/** Turns a failed connection into one line that names the cause and the setting behind it. */
export function describeConnectionError(error: unknown, url: string, setting: string): StartupError {
  const e = (error ?? {}) as PgLikeError;
  let where = "PostgreSQL";
  let user = "";
  let database = "";
  try {
    const u = new URL(url);
    where = `PostgreSQL at ${u.hostname}:${u.port || "5432"}`;
    user = decodeURIComponent(u.username);
    database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  } catch {
    // describe with the generic name
  }
  const reasons: Record<string, string> = {
    ECONNREFUSED: "connection refused (is the server running?)",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host name lookup failed",
    ETIMEDOUT: "connection timed out",
    ECONNRESET: "connection reset",
    "28P01": `password authentication failed for user "${user}"`,
    "28000": `the server refused user "${user}"`,
    "3D000": `database "${database}" does not exist`,
  };
  const reason = (e.code && reasons[e.code]) || e.message || String(error);
  return new StartupError(`Cannot connect to ${where} (${setting}=${redactUrl(url)}): ${reason}`, {
    cause: error,
  });
}

/**
 * Runs `work` on a connection of its own (migrations, backups: not the app's pool), closed after; a
 * connection that fails is one line naming its cause and `setting`.
 */
export async function withClient<T>(
  url: string,
  setting: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw describeConnectionError(error, url, setting);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
