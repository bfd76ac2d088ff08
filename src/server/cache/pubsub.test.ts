import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { MemoryPubSub, type PubSub, RedisPubSub, redisSubscriber } from "./pubsub";

const REDIS = "redis://127.0.0.1:6379";

async function redisAvailable(): Promise<boolean> {
  const probe = new Redis(REDIS, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 500 });
  probe.on("error", () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

function nextMessage(bus: PubSub, channel: string): { message: Promise<string>; off: () => void } {
  let off = () => {};
  const message = new Promise<string>((resolve) => {
    off = bus.subscribe(channel, resolve);
  });
  return { message, off: () => off() };
}

const hasRedis = await redisAvailable();

describe("pubsub", () => {
  it("delivers in-process to every listener on the channel, and stops after unsubscribe", async () => {
    const bus = new MemoryPubSub();
    const heard: string[] = [];
    const off = bus.subscribe("c", (m) => heard.push(`a:${m}`));
    const offB = bus.subscribe("c", (m) => heard.push(`b:${m}`));
    bus.subscribe("other", (m) => heard.push(`x:${m}`));
    await bus.publish("c", "1");
    off();
    await bus.publish("c", "2");
    offB();
    await bus.publish("c", "3");
    expect(heard).toEqual(["a:1", "b:1", "b:2"]);
  });

  it.runIf(hasRedis)("delivers across instances through Redis (skipped when no Redis answers)", async () => {
    const publisherA = new Redis(REDIS);
    const publisherB = new Redis(REDIS);
    const a = new RedisPubSub(publisherA, redisSubscriber(REDIS));
    const b = new RedisPubSub(publisherB, redisSubscriber(REDIS));
    const channel = `pinhole:test:${Math.random().toString(36).slice(2)}`;
    try {
      const { message, off } = nextMessage(b, channel);
      // The subscription is asynchronous: publish until the other instance hears one.
      let received: string | undefined;
      void message.then((m) => (received = m));
      for (let i = 0; i < 50 && received === undefined; i++) {
        await a.publish(channel, "7");
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await message).toBe("7");
      off();
    } finally {
      await Promise.all([a.close(), b.close()]);
      publisherA.disconnect();
      publisherB.disconnect();
    }
  });
});
