// A TypeScript worker in its own Node process, so each contender's peak memory is its own, kept alive
// across requests so that contenders can take turns every second or two without paying start-up again.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface TsChild {
  /** Sends one line; resolves with the JSON object the child prints as its answer (one line). */
  request<T>(line: string): Promise<T>;
  /** Ends the child (closing its stdin) and waits for it to exit. */
  close(): Promise<void>;
}

/**
 * Starts `script` with tsx and the react-server condition (so `server-only` modules load as they do in
 * the app). The child answers each line on its stdin with one JSON line on its stdout.
 */
export function startTsChild(root: string, script: string, args: string[]): TsChild {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let exited: Error | undefined;
  lines.on("line", (line) => waiting.shift()?.resolve(line));
  child.on("exit", (code) => {
    exited = new Error(`${script} ${args.join(" ")} exited with ${code}`);
    for (const w of waiting.splice(0)) w.reject(exited);
  });
  return {
    async request<T>(line: string): Promise<T> {
      if (exited) throw exited;
      const answer = new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
      child.stdin.write(`${line}\n`);
      const text = await answer;
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new Error(`${script} answered with something that is not JSON: ${text}`, { cause: error });
      }
    },
    close() {
      return new Promise((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        child.stdin.end();
      });
    },
  };
}
