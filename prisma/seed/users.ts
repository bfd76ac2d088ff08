// Seed functions shared by tests, benchmarks and demo data. Plain `pg` so they run anywhere
// (Playwright, scripts) without the app's server-only modules.
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type pg from "pg";

export interface SeededUser {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  password: string;
  defaultAlbumId: string;
}

export interface SeedUserInput {
  email?: string;
  handle?: string;
  displayName?: string;
  password?: string;
  role?: "USER" | "ADMIN";
  /** False: the address was never verified (a squatter's, or a sign-up not yet confirmed). */
  emailVerified?: boolean;
}

/**
 * Inserts a user (argon2id password, a verified address unless told otherwise) and their default
 * album. Unique values are generated.
 */
export async function seedUser(
  client: pg.ClientBase | pg.Pool,
  input: SeedUserInput = {},
): Promise<SeededUser> {
  const tag = randomBytes(5).toString("hex");
  const handle = input.handle ?? `user-${tag}`;
  const email = (input.email ?? `${handle}@example.test`).toLowerCase();
  const displayName = input.displayName ?? `User ${tag}`;
  const password = input.password ?? `pw-${randomBytes(8).toString("hex")}`;
  const passwordHash = await hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const { rows } = await client.query<{ id: string; album_id: string }>(
    `WITH u AS (
       INSERT INTO users (email, handle, display_name, password_hash, role, email_verified)
       VALUES ($1, $2, $3, $4, $5::role, CASE WHEN $6::boolean THEN now() END) RETURNING id
     ), a AS (
       INSERT INTO albums (owner_id, title, is_default) SELECT id, 'Photostream', true FROM u RETURNING id
     )
     SELECT u.id, a.id AS album_id FROM u, a`,
    [email, handle, displayName, passwordHash, input.role ?? "USER", input.emailVerified ?? true],
  );
  const row = rows[0];
  if (!row) throw new Error("seedUser: insert returned no row");
  return { id: row.id, email, handle, displayName, password, defaultAlbumId: row.album_id };
}
