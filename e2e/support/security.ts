// Helpers for the security suite: sign in over HTTP, call server actions the way Next's client does,
// and snapshot everything a user owns so a test can say "nothing changed".
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { APIRequestContext, APIResponse, PlaywrightWorkerArgs } from "@playwright/test";
import type pg from "pg";
import { seedUser } from "../../prisma/seed/users";

type Playwright = PlaywrightWorkerArgs["playwright"];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ManifestAction {
  id: string;
  /** `src/server/actions/…/x.ts#exportedName`. */
  key: string;
  /** A page that imports it (an action can be posted to any page; this is where the UI posts it). */
  page: string;
}

/** Every server action of the build under test, from Next's own manifest. */
export async function serverActions(): Promise<ManifestAction[]> {
  const file = path.join(root, ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(await readFile(file, "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    key: `${entry.filename}#${entry.exportedName}`,
    page: pagePath(Object.keys(entry.workers)),
  }));
}

// A page that imports the action and has a fixed path ("app/(auth)/sign-in/page" → "/sign-in");
// Next finds the action from any page, so "/" does when every importer has a dynamic segment.
function pagePath(workers: string[]): string {
  for (const worker of workers) {
    const segments = worker
      .replace(/^app\/?/, "")
      .replace(/\/?page$/, "")
      .split("/")
      .filter(Boolean);
    if (segments.some((s) => s.startsWith("[") || s.startsWith("@") || s.startsWith("(."))) continue;
    return `/${segments.filter((s) => !s.startsWith("(")).join("/")}`;
  }
  return "/";
}

/** The route handlers under src/app and the state-changing methods each exports. */
export async function stateChangingRoutes(): Promise<string[]> {
  const app = path.join(root, "src/app");
  const files = (await readdir(app, { recursive: true })).filter((f) => path.basename(f) === "route.ts");
  const found: string[] = [];
  for (const file of files) {
    const source = await readFile(path.join(app, file), "utf8");
    const route = `/${path.dirname(file)}`;
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const named = new RegExp(`export\\s+(async\\s+)?function\\s+${method}\\b`).test(source);
      const assigned = new RegExp(`export\\s+const\\s+${method}\\s*=`).test(source);
      const destructured = new RegExp(`export\\s+const\\s*\\{[^}]*\\b${method}\\b[^}]*\\}`).test(source);
      if (named || assigned || destructured) found.push(`${method} ${route}`);
    }
  }
  return found.sort();
}

/** One action of the build by its `file#export` key. */
export async function findAction(key: string): Promise<ManifestAction> {
  const action = (await serverActions()).find((a) => a.key === key);
  if (!action) throw new Error(`${key} is not in the build's server-reference manifest`);
  return action;
}

/** A separate cookie jar signed in as `user` through next-auth's credentials endpoint. */
export async function signedInContext(
  playwright: Playwright,
  baseURL: string,
  user: { email: string; password: string },
): Promise<APIRequestContext> {
  const context = await playwright.request.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await context.post("/api/auth/callback/credentials", {
    form: { email: user.email, password: user.password, csrfToken },
    headers: { origin: baseURL },
    maxRedirects: 0,
  });
  const cookies = (await context.storageState()).cookies.map((c) => c.name);
  if (res.status() !== 302 || !cookies.some((n) => n.includes("session-token"))) {
    throw new Error(`sign-in as ${user.email} failed: ${res.status()} ${res.headers().location}`);
  }
  return context;
}

export type { Playwright };

export const anonymousContext = (playwright: Playwright, baseURL: string) =>
  playwright.request.newContext({ baseURL });

/** Arguments as the client passes them: plain values, or FormData (useActionState, <form action>). */
export type ActionArg = FormData | Record<string, unknown> | string | number | boolean | null;

export interface ActionCall {
  status: number;
  /** What the action returned (chunk `a` of the RSC answer), when it returned normally. */
  result: unknown;
  /** Where a redirect() sent the caller. */
  redirect?: string;
  body: string;
}

/**
 * Calls a server action as Next's client does: POST to a page with `Next-Action: <id>`; arguments
 * encoded by React's encodeReply (a JSON array, FormData arguments as `$K<n>` with their fields
 * under `_<n>_`, sent before the root part `0`). `origin: null` sends no Origin header at all.
 */
export async function callAction(
  context: APIRequestContext,
  action: ManifestAction,
  args: ActionArg[],
  options: { origin: string | null; page?: string },
): Promise<ActionCall> {
  const form = new FormData();
  let part = 1;
  const root = args.map((arg) => {
    if (!(arg instanceof FormData)) return arg;
    const prefix = `_${part}_`;
    for (const [key, value] of arg.entries()) form.append(prefix + key, value);
    return `$K${(part++).toString(16)}`;
  });
  const headers: Record<string, string> = { "next-action": action.id, accept: "text/x-component" };
  if (options.origin !== null) headers.origin = options.origin;
  const url = options.page ?? action.page;
  let res: APIResponse;
  if (part > 1) {
    form.append("0", JSON.stringify(root));
    res = await context.post(url, { multipart: form, headers, maxRedirects: 0 });
  } else {
    headers["content-type"] = "text/plain;charset=UTF-8";
    res = await context.post(url, { data: JSON.stringify(root), headers, maxRedirects: 0 });
  }
  const body = await res.text();
  return {
    status: res.status(),
    result: actionResult(body),
    redirect: res.headers()["x-action-redirect"],
    body,
  };
}

// The RSC answer: `0:{"a":"$@1",…}` then `1:<the returned value>`.
function actionResult(body: string): unknown {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  try {
    const head = JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null;
    if (typeof head?.a !== "string" || !head.a.startsWith("$@")) return head?.a;
    const value = rows.get(head.a.slice(2));
    return value === undefined || value.startsWith("E") ? undefined : JSON.parse(value);
  } catch {
    return undefined;
  }
}

export function formOf(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  }
  return data;
}

/**
 * Everything of `userId`'s that any action could change: account, sessions, albums, photos and the
 * grants on them, whom they follow. Equal snapshots mean nothing of theirs changed.
 */
export async function snapshotOf(db: pg.Pool, userId: string): Promise<unknown> {
  const { rows } = await db.query<{ snapshot: unknown }>(
    `SELECT json_build_object(
       'user', (SELECT json_build_object('email', email, 'handle', handle, 'name', display_name,
                                         'password', password_hash, 'role', role,
                                         'defaultLicense', default_license,
                                         'defaultVisibility', default_visibility,
                                         'watermark', json_build_array(watermark_text, watermark_corner,
                                                                       watermark_opacity))
                FROM users WHERE id = $1),
       'sessions', (SELECT json_agg(json_build_object('id', id, 'revoked', revoked_at) ORDER BY id)
                    FROM sessions WHERE user_id = $1),
       'albums', (SELECT json_agg(json_build_object('id', id, 'title', title, 'description', description,
                                                    'visibility', visibility, 'cover', cover_photo_id,
                                                    'version', access_version) ORDER BY id)
                  FROM albums WHERE owner_id = $1),
       'photos', (SELECT json_agg(json_build_object('id', id, 'album', album_id,
                                                    'memberships', (SELECT json_agg(json_build_object(
                                                        'album', ap.album_id, 'position', ap.position)
                                                      ORDER BY ap.album_id)
                                                      FROM album_photos ap WHERE ap.photo_id = photos.id),
                                                    'title', title, 'description', description, 'tags', tags,
                                                    'visibility', visibility, 'version', access_version,
                                                    'allowOriginal', allow_original, 'license', license, 'deleted', deleted_at,
                                                    'hidden', hidden_at)
                                  ORDER BY id)
                  FROM photos WHERE owner_id = $1),
       'grants', (SELECT json_agg(json_build_object('user', g.user_id, 'photo', g.photo_id, 'album', g.album_id)
                                  ORDER BY g.id)
                  FROM access_grants g
                  LEFT JOIN photos p ON p.id = g.photo_id LEFT JOIN albums a ON a.id = g.album_id
                  WHERE p.owner_id = $1 OR a.owner_id = $1),
       'links', (SELECT json_agg(json_build_object('id', id, 'photo', photo_id, 'album', album_id,
                                                   'revoked', revoked_at, 'expires', expires_at,
                                                   'password', password_hash) ORDER BY id)
                 FROM share_links WHERE created_by_id = $1),
       'favorites', (SELECT json_agg(json_build_object('photo', photo_id) ORDER BY photo_id)
                     FROM favorites WHERE user_id = $1),
       'comments', (SELECT json_agg(json_build_object('id', c.id, 'body', c.body) ORDER BY c.id)
                    FROM comments c JOIN photos p ON p.id = c.photo_id
                    WHERE c.author_id = $1 OR p.owner_id = $1),
       'notifications', (SELECT json_agg(json_build_object('id', id, 'read', read_at) ORDER BY id)
                         FROM notifications WHERE user_id = $1),
       'follows', (SELECT json_agg(followee_id ORDER BY followee_id) FROM follows WHERE follower_id = $1),
       'tokens', (SELECT json_agg(json_build_object('id', id, 'name', name, 'revoked', revoked_at) ORDER BY id)
                  FROM api_tokens WHERE user_id = $1),
       -- graphile-worker's public jobs view has no payload: the owner is only in the table's.
       'jobs', (SELECT json_agg(json_build_object('id', id, 'attempts', attempts) ORDER BY id)
                FROM graphile_worker._private_jobs WHERE payload->>'ownerId' = $1::text),
       'reports', (SELECT json_agg(json_build_object('id', r.id, 'status', r.status) ORDER BY r.id)
                   FROM reports r LEFT JOIN photos p ON p.id = r.photo_id LEFT JOIN comments c ON c.id = r.comment_id
                   WHERE r.reporter_id = $1 OR p.owner_id = $1 OR c.author_id = $1)
     ) AS snapshot`,
    [userId],
  );
  return rows[0]?.snapshot;
}

export interface Scene {
  photos: string[];
  album: string;
  /** Someone else, named as a viewer of photos[1] (a grant the victim may remove). */
  friendHandle: string;
  /** A live share link the victim made to photos[0]. */
  link: string;
  /** The victim's comment on photos[0]. */
  comment: string;
  /** An unread notification of the victim's (the friend favorited photos[1]). */
  notification: string;
  /** A live personal access token of the victim's (its row id). */
  token: string;
  /** The friend's open report on photos[1] (for the moderators' actions). */
  report: string;
}

/** The victim's things: an album of their own with two private photos, one more in their stream. */
export async function seedScene(db: pg.Pool, ownerId: string, defaultAlbumId: string): Promise<Scene> {
  const { rows: albums } = await db.query<{ id: string }>(
    "INSERT INTO albums (owner_id, title, visibility) VALUES ($1, 'Victim album', 'PRIVATE') RETURNING id",
    [ownerId],
  );
  const album = albums[0]!.id;
  const photos: string[] = [];
  for (const [albumId, position] of [
    [album, 1024],
    [album, 2048],
    [defaultAlbumId, 1024],
  ] as const) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO photos (owner_id, album_id, title, visibility, status, original_key, mime_type,
                           byte_size, sha256, width, height)
       VALUES ($1, $2, 'Victim photo', 'PRIVATE', 'READY', 'k', 'image/jpeg', 1, md5(random()::text), 4, 3)
       RETURNING id`,
      [ownerId, albumId],
    );
    photos.push(rows[0]!.id);
    await db.query("UPDATE album_photos SET position = $3 WHERE album_id = $1 AND photo_id = $2", [
      albumId,
      rows[0]!.id,
      position,
    ]);
  }
  const friend = await seedUser(db);
  await db.query("INSERT INTO access_grants (user_id, photo_id) VALUES ($1, $2)", [friend.id, photos[1]]);
  const { rows: links } = await db.query<{ id: string }>(
    "INSERT INTO share_links (token, created_by_id, photo_id) VALUES ($1, $2, $3) RETURNING id",
    [randomBytes(24).toString("base64url"), ownerId, photos[0]],
  );
  const { rows: comments } = await db.query<{ id: string }>(
    "INSERT INTO comments (photo_id, author_id, body) VALUES ($1, $2, 'Victim comment') RETURNING id",
    [photos[0], ownerId],
  );
  const { rows: notifications } = await db.query<{ id: string }>(
    `INSERT INTO notifications (user_id, type, actor_id, photo_id) VALUES ($1, 'FAVORITE', $2, $3) RETURNING id`,
    [ownerId, friend.id, photos[1]],
  );
  const { rows: tokens } = await db.query<{ id: string }>(
    `INSERT INTO api_tokens (user_id, name, token_hash, prefix, scopes)
     VALUES ($1, 'Victim token', md5(random()::text) || md5(random()::text), 'ph_victim', '{read,write}') RETURNING id`,
    [ownerId],
  );
  const { rows: reports } = await db.query<{ id: string }>(
    "INSERT INTO reports (reporter_id, photo_id, reason) VALUES ($1, $2, 'spam') RETURNING id",
    [friend.id, photos[1]],
  );
  return {
    token: tokens[0]!.id,
    report: reports[0]!.id,
    photos,
    album,
    friendHandle: friend.handle,
    link: links[0]!.id,
    comment: comments[0]!.id,
    notification: notifications[0]!.id,
  };
}
