import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";

interface Decoded {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

type Reply = { id: number; error: string } | ({ id: number } & Decoded);

// A plain file read at run time (next.config traces it): bundlers cannot turn it into a worker.
const WORKER_FILE = path.join(/* turbopackIgnore: true */ process.cwd(), "src/server/images/heic-worker.mjs");

const state = globalThis as unknown as {
  pinholeHeicWorker?: Worker;
  pinholeHeicPending?: Map<number, { resolve(d: Decoded): void; reject(e: Error): void }>;
  pinholeHeicNext?: number;
};

function worker(): Worker {
  if (state.pinholeHeicWorker) return state.pinholeHeicWorker;
  const pending = (state.pinholeHeicPending ??= new Map());
  const w = new Worker(WORKER_FILE);
  w.unref();
  w.on("message", (reply: Reply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiter) return;
    if ("error" in reply) waiter.reject(new Error(reply.error));
    else waiter.resolve({ width: reply.width, height: reply.height, data: reply.data });
  });
  // A crashed worker fails what it had and is replaced on the next call.
  const fail = (error: Error) => {
    state.pinholeHeicWorker = undefined;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`the HEIC decoder stopped (exit code ${code})`)));
  state.pinholeHeicWorker = w;
  return w;
}

/** Decodes the primary image of a HEIC to RGBA on a worker thread. */
export function decodeHeicOffThread(buffer: Buffer): Promise<Decoded> {
  const id = (state.pinholeHeicNext = (state.pinholeHeicNext ?? 0) + 1);
  const w = worker();
  return new Promise((resolve, reject) => {
    state.pinholeHeicPending!.set(id, { resolve, reject });
    // A copy goes over: the caller keeps its buffer.
    w.postMessage({ id, buffer: new Uint8Array(buffer) });
  });
}
