import { RateLimitedError } from '../../../shared/domain/errors';
import type { RateLimit, RateLimiter } from '../../../shared/ports/RateLimiter';

/** Fixed-window counters in memory, as `DynamoRateLimiter` keeps them: a refused hit is not counted. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, number>();

  public async take(key: string, rule: RateLimit, now: Date): Promise<void> {
    const windowStart = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
    const counter = `${key}@${windowStart}`;
    const hits = this.hits.get(counter) ?? 0;
    if (hits >= rule.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + rule.windowMs - now.getTime()) / 1000));
      throw new RateLimitedError(`Too many requests; retry in ${retryAfterSeconds} s`, retryAfterSeconds);
    }
    this.hits.set(counter, hits + 1);
  }
}
