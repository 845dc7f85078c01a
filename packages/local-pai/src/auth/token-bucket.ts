/** Per-caller token buckets: the service's optional flow control (`Throttling.User`). */

/**
 * Flow control settings; absent means unlimited (the default).
 *
 * @example
 * await createLocalPai({ dataDir, rateLimit: { requestsPerSecond: 100, burst: 200 } });
 */
export interface RateLimit {
  /** Sustained requests per second per AccessKey (or per `anonymous` in unsigned mode). */
  requestsPerSecond: number;
  /** How many requests may arrive at once before throttling starts. */
  burst: number;
}

/** A set of buckets, one per caller. */
export interface TokenBuckets {
  /** Takes one token; returns 0 when allowed, else the milliseconds until a token is available. */
  take(caller: string): number;
}

/**
 * Creates token buckets refilled continuously at `requestsPerSecond`, holding at most `burst`.
 *
 * @example
 * const buckets = createTokenBuckets({ requestsPerSecond: 100, burst: 200 });
 * if (buckets.take("ak") > 0) throttle();
 */
export function createTokenBuckets({
  requestsPerSecond,
  burst,
  now = () => performance.now(),
}: RateLimit & { now?: () => number }): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(caller) {
      const at = now();
      const bucket = buckets.get(caller) ?? { tokens: burst, at };
      bucket.tokens = Math.min(
        burst,
        bucket.tokens + ((at - bucket.at) / 1000) * requestsPerSecond,
      );
      bucket.at = at;
      buckets.set(caller, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil(((1 - bucket.tokens) / requestsPerSecond) * 1000);
    },
  };
}
