/** A client-side rate limiter: callers are released one by one, evenly spaced at the configured rate. */
import { setTimeout as sleep } from "node:timers/promises";

/** Missed slots younger than this are still used (a short catch-up burst); older ones are dropped. */
export const RATE_CATCH_UP_MS = 100;

/**
 * Paces callers to at most `ratePerSecond`, first come first served. Slots are kept on a fixed grid, so timer
 * delays do not add up: slots missed during a short stall (a busy event loop) are caught up, at most
 * `catchUpMs` worth of them (a burst of `ratePerSecond * catchUpMs / 1000`); after a longer stall the grid
 * restarts from now instead of releasing a burst the server would throttle.
 *
 * @example
 * const limiter = createRateLimiter({ ratePerSecond: 20 });
 * await limiter.take(); // resolves at most 20 times a second
 */
export function createRateLimiter({
  ratePerSecond,
  catchUpMs = RATE_CATCH_UP_MS,
  now = () => performance.now(),
}: {
  ratePerSecond: number;
  catchUpMs?: number;
  now?: () => number;
}): { take(signal?: AbortSignal): Promise<void> } {
  if (!(ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be > 0, got ${ratePerSecond}`);
  const intervalMs = 1000 / ratePerSecond;
  const windowMs = Math.max(intervalMs, catchUpMs);
  let nextSlotMs = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();
  return {
    take(signal) {
      const turn = queue.then(async () => {
        signal?.throwIfAborted();
        const current = now();
        if (nextSlotMs < current - windowMs) nextSlotMs = current;
        const waitMs = nextSlotMs - current;
        nextSlotMs += intervalMs;
        if (waitMs > 0) {
          await sleep(waitMs, undefined, signal ? { signal } : undefined).catch(
            (error: unknown) => {
              throw signal?.aborted ? signal.reason : error;
            },
          );
        }
      });
      // A caller that gives up (abort) must not block the ones behind it.
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
