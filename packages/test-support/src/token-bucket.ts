/** A token bucket: `ratePerSecond` calls refill it, it holds `burst`; the test PAI server's rate limit. */

/**
 * Returns `take()`, true while the bucket has a token (and takes it). An infinite rate always allows.
 *
 * @example
 * const take = createTokenBucket({ ratePerSecond: 4, burst: 1 });
 * take(); // true
 * take(); // false until 250 ms have passed
 */
export function createTokenBucket({
  ratePerSecond,
  burst,
}: {
  ratePerSecond: number;
  burst: number;
}): () => boolean {
  if (!Number.isFinite(ratePerSecond)) return () => true;
  let tokens = burst;
  let refilledAt = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - refilledAt) / 1000) * ratePerSecond);
    refilledAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
