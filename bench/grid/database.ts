// The grid benchmark's database in a process of its own (server-only modules need the react-server
// condition, which bench/lib/child.ts gives): `database.ts <dataDir> <users> <photos>`. The line
// "start" brings it up (DATABASE_URL if set, else the embedded PostgreSQL under <dataDir>), migrates,
// seeds once, and answers with one JSON line; closing stdin stops the embedded database.
import { createInterface } from "node:readline";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/server/db/embedded";
import { migrate } from "@/server/db/migrate";
import { seedBrowsing, type SeedResult } from "../seed/photos";

export interface DatabaseAnswer extends SeedResult {
  url: string;
  embedded: boolean;
}

const [dataDir = ".test-data/bench", users = "1000", photos = "100000"] = process.argv.slice(2);
let embedded: EmbeddedDatabase | undefined;

async function start(): Promise<DatabaseAnswer> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir });
    url = embedded.url;
  }
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const seed = await seedBrowsing(pool, { users: Number(users), photos: Number(photos) });
    return { ...seed, url, embedded: Boolean(embedded) };
  } finally {
    await pool.end();
  }
}

try {
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() !== "start") throw new Error(`unknown request: ${line}`);
    console.log(JSON.stringify(await start()));
  }
} finally {
  await embedded?.stop();
}
