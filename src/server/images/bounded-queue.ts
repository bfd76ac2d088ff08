import "server-only";

export interface BoundedQueue {
  /**
   * Runs `work` when one of the queue's slots is free, or returns null at once when every slot is
   * busy and the line is already `maxWaiting` long: the caller answers "busy" instead of waiting.
   */
  tryRun<T>(work: () => Promise<T>): Promise<T> | null;
  readonly running: number;
  readonly waiting: number;
}

/**
 * At most `concurrency` pieces of work at once and at most `maxWaiting` in line. Kept by hand: a
 * limiter such as p-limit would only replace the counter, and the refusal when the line is full
 * (what bounds the memory and the wait) is the point here.
 */
export function boundedQueue(concurrency: number, maxWaiting: number): BoundedQueue {
  let running = 0;
  const line: (() => void)[] = [];

  async function run<T>(work: () => Promise<T>, queued: boolean): Promise<T> {
    if (queued) await new Promise<void>((resolve) => line.push(resolve));
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or give it back.
      const next = line.shift();
      if (next) next();
      else running--;
    }
  }

  return {
    tryRun(work) {
      if (running < concurrency) {
        running++;
        return run(work, false);
      }
      if (line.length >= maxWaiting) return null;
      return run(work, true);
    },
    get running() {
      return running;
    },
    get waiting() {
      return line.length;
    },
  };
}
