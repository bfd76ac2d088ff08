import "server-only";
import { redis } from "./redis";

export interface RateLimitState {
  count: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export interface RateLimiter {
  /** Counts one event (or `amount`, e.g. bytes) against `key` and returns the count in the current window. */
  hit(key: string, windowMs: number, amount?: number): Promise<RateLimitState>;
  peek(key: string): Promise<RateLimitState>;
  reset(key: string): Promise<void>;
}

/** Fixed windows in this process's memory: the default, and the fallback while Redis is down. */
export class MemoryRateLimiter implements RateLimiter {
  private windows = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, windowMs: number, amount = 1): Promise<RateLimitState> {
    const now = Date.now();
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count += amount;
    return { count: w.count, resetMs: w.resetAt - now };
  }

  async peek(key: string): Promise<RateLimitState> {
    const now = Date.now();
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) return { count: 0, resetMs: 0 };
    return { count: w.count, resetMs: w.resetAt - now };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  // Bounded memory: expired windows are dropped as new ones arrive.
  private sweep(now: number) {
    if (this.windows.size < 10_000) return;
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

const HIT_SCRIPT = `
local c = redis.call('INCRBY', KEYS[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('PTTL', KEYS[1])}`;

/**
 * Shared across instances through Redis. Rule while Redis is unreachable: fall back to this
 * instance's memory (limits still apply, per instance) rather than failing open or locking everyone out.
 */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly client: NonNullable<ReturnType<typeof redis>>,
    private readonly fallback = new MemoryRateLimiter(),
    private readonly prefix = "pinhole:rl:",
  ) {}

  async hit(key: string, windowMs: number, amount = 1): Promise<RateLimitState> {
    try {
      const [count, ttl] = (await this.client.eval(HIT_SCRIPT, 1, this.prefix + key, windowMs, amount)) as [
        number,
        number,
      ];
      return { count, resetMs: Math.max(ttl, 0) };
    } catch {
      return this.fallback.hit(key, windowMs, amount);
    }
  }

  async peek(key: string): Promise<RateLimitState> {
    try {
      const [count, ttl] = await Promise.all([
        this.client.get(this.prefix + key),
        this.client.pttl(this.prefix + key),
      ]);
      return { count: Number(count ?? 0), resetMs: Math.max(ttl, 0) };
    } catch {
      return this.fallback.peek(key);
    }
  }

  async reset(key: string): Promise<void> {
    await this.client.del(this.prefix + key).catch(() => this.fallback.reset(key));
  }
}

const globalForLimiter = globalThis as unknown as { pinholeLimiter?: RateLimiter };

export function rateLimiter(): RateLimiter {
  if (!globalForLimiter.pinholeLimiter) {
    const client = redis();
    globalForLimiter.pinholeLimiter = client ? new RedisRateLimiter(client) : new MemoryRateLimiter();
  }
  return globalForLimiter.pinholeLimiter;
}
