/** At most `limit` hits per fixed window of `windowMs`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** Counts hits per key in fixed windows. */
export interface RateLimiter {
  /** Counts one hit on `key` at `now`; throws `RateLimitedError` (with the seconds until the window ends) when over the limit. */
  take(key: string, rule: RateLimit, now: Date): Promise<void>;
}
