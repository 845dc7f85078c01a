/** A client-side rate limiter: requests are spaced evenly at the configured rate. */

/**
 * Paces callers to at most `ratePerSecond`, allowing `burst` back-to-back requests after an idle period.
 * Each `take` reserves the next slot, so lateness of one timer does not accumulate.
 *
 * @example
 * const bucket = createTokenBucket({ ratePerSecond: 20 });
 * await bucket.take(); // resolves at most 20 times a second
 */
export function createTokenBucket({
  ratePerSecond,
  burst = 1,
  now = () => performance.now(),
}: {
  ratePerSecond: number;
  burst?: number;
  now?: () => number;
}): { take(signal?: AbortSignal): Promise<void> } {
  if (!(ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be > 0, got ${ratePerSecond}`);
  const intervalMs = 1000 / ratePerSecond;
  const burstWindowMs = (Math.max(1, burst) - 1) * intervalMs;
  let nextSlotMs = Number.NEGATIVE_INFINITY;
  return {
    take(signal) {
      const current = now();
      const slot = Math.max(current - burstWindowMs, nextSlotMs);
      nextSlotMs = slot + intervalMs;
      const waitMs = slot - current;
      if (waitMs <= 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, waitMs);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason ?? new Error("aborted"));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}
