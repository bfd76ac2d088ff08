// The grid benchmark's baseline: a bare Node http server that answers GET /people/<handle> with the
// same rows the photostream's first page shows, as JSON, from `pg` and the same SQL listPhotos runs
// for an anonymous viewer (src/server/data/list-photos.ts, scope "stream"): the least any server
// could do for that page. `bare-server.ts <databaseUrl>`; "start" answers {"port": n}.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import pg from "pg";

const PAGE = 60;
const PERSON = "SELECT id FROM users WHERE handle = $1";
const STREAM = `SELECT p.id, p.title, p.width, p.height, p.access_version, p.thumbhash,
    p.visibility::text AS visibility, p.created_at, u.handle, u.display_name
  FROM photos p JOIN users u ON u.id = p.owner_id
  WHERE p.owner_id = $1::uuid AND p.status = 'READY'
    AND (p.deleted_at IS NULL AND p.status = 'READY' AND p.hidden_at IS NULL
      AND (p.visibility = 'PUBLIC'
           OR EXISTS (SELECT 1 FROM albums a WHERE a.id = p.album_id AND a.visibility = 'PUBLIC')))
  ORDER BY p.created_at DESC, p.id DESC LIMIT $2`;

const [url] = process.argv.slice(2);
// As many connections as the app's Prisma pool (src/server/db/client.ts).
const pool = new pg.Pool({ connectionString: url, max: 10 });

const server = http.createServer(async (request, response) => {
  const handle = /^\/people\/([a-z0-9_-]+)$/.exec(request.url ?? "")?.[1];
  try {
    const person = handle ? (await pool.query<{ id: string }>(PERSON, [handle])).rows[0] : undefined;
    if (!person) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    const { rows } = await pool.query(STREAM, [person.id, PAGE]);
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ photos: rows }));
  } catch (error) {
    response.writeHead(500).end(String(error));
  }
});

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== "start") throw new Error(`unknown request: ${line}`);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
}
server.close();
await pool.end();
