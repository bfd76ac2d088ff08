import "server-only";
import { EventEmitter } from "node:events";
import { Redis } from "ioredis";
import { env } from "@/env";
import { redis } from "./redis";

export type Unsubscribe = () => void;

/** Fan-out of small messages to whoever listens on a channel: in this process, or across instances. */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, listener: (message: string) => void): Unsubscribe;
}

/** One process: enough for a single instance, and the fallback while Redis is unreachable. */
export class MemoryPubSub implements PubSub {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open tab of a signed-in user; the default of 10 would warn at the 11th.
    this.emitter.setMaxListeners(0);
  }

  async publish(channel: string, message: string): Promise<void> {
    this.emitter.emit(channel, message);
  }

  subscribe(channel: string, listener: (message: string) => void): Unsubscribe {
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }
}

/**
 * Across instances through Redis. A connection in subscriber mode can run no other command, so it is
 * separate from the publisher; channels are subscribed in Redis while this instance has a listener.
 */
export class RedisPubSub implements PubSub {
  private readonly local = new MemoryPubSub();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on("message", (channel: string, message: string) => void this.local.publish(channel, message));
    subscriber.on("error", () => {
      // Reconnects (and re-subscribes) on its own.
    });
  }

  async publish(channel: string, message: string): Promise<void> {
    try {
      await this.publisher.publish(channel, message);
    } catch {
      // Redis down: this instance's listeners still hear it; others catch up on their next read.
      await this.local.publish(channel, message);
    }
  }

  subscribe(channel: string, listener: (message: string) => void): Unsubscribe {
    const off = this.local.subscribe(channel, listener);
    const n = (this.counts.get(channel) ?? 0) + 1;
    this.counts.set(channel, n);
    if (n === 1) this.subscriber.subscribe(channel).catch(() => undefined);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      off();
      const left = (this.counts.get(channel) ?? 1) - 1;
      if (left > 0) return void this.counts.set(channel, left);
      this.counts.delete(channel);
      this.subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}

/** A subscriber connection: it queues SUBSCRIBE until connected and re-subscribes after a reconnect. */
export function redisSubscriber(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectTimeout: 2_000 });
}

const globalForPubSub = globalThis as unknown as { pinholePubSub?: PubSub };

export function pubsub(): PubSub {
  if (!globalForPubSub.pinholePubSub) {
    const url = env().REDIS_URL;
    const publisher = redis();
    globalForPubSub.pinholePubSub =
      url && publisher ? new RedisPubSub(publisher, redisSubscriber(url)) : new MemoryPubSub();
  }
  return globalForPubSub.pinholePubSub;
}
