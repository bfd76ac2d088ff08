// An S3-compatible server (s3rver) for tests, on a free loopback port with its data in a temp folder.
// It runs in a child process so that the tests' memory measurements see only the code under test, and
// so a test can kill it to play a store that has gone away.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  region: string;
  /** s3rver's built-in account. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Stops the server and removes its data (unless the caller chose the folder). Safe to call twice. */
  stop(): Promise<void>;
}

// Exits when the parent closes stdin, so a crashed test run never leaves a server behind.
const CHILD = `
const S3rver = require("s3rver");
const [directory, bucket, port] = process.argv.slice(1);
new S3rver({ address: "127.0.0.1", port: Number(port), directory, silent: true, configureBuckets: [{ name: bucket }] })
  .run()
  .then(({ port }) => process.stdout.write(JSON.stringify({ port }) + "\\n"))
  .catch((error) => { console.error(error); process.exit(1); });
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
`;

export interface S3ServerOptions {
  /** A fixed port, so a restarted server is found where the app expects it. Default: a free one. */
  port?: number;
  /** Keep the objects here (and leave them on stop), so a restart finds them. Default: a temp folder. */
  directory?: string;
}

export async function startS3Server(
  bucket = "pinhole-test",
  options: S3ServerOptions = {},
): Promise<S3TestServer> {
  const directory = options.directory ?? (await mkdtemp(path.join(os.tmpdir(), "pinhole-s3rver-")));
  // cwd: the repository, so `require("s3rver")` resolves from its node_modules.
  const child = spawn(process.execPath, ["-e", CHILD, directory, bucket, String(options.port ?? 0)], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`s3rver exited with code ${code} before listening`)));
  });
  let stopped = false;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    async stop() {
      if (stopped) return;
      stopped = true;
      child.kill();
      await exited;
      if (!options.directory) await rm(directory, { recursive: true, force: true });
    },
  };
}
