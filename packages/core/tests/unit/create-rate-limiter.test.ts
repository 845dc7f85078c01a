/** createRateLimiter: first come first served, catch-up on the grid, abort. */
import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/index.ts";

describe("createRateLimiter", () => {
  it("releases callers first come, first served", async () => {
    const limiter = createRateLimiter({ ratePerSecond: 2000 });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((n) => limiter.take().then(() => order.push(n))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it("catches up a short delay on the grid, but drops the slots missed in a long stall", async () => {
    let clock = 0;
    const limiter = createRateLimiter({ ratePerSecond: 10, catchUpMs: 150, now: () => clock });
    const settled = async (promise: Promise<void>) => {
      let done = false;
      void promise.then(() => {
        done = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      return done;
    };
    await limiter.take(); // slot 0 ms
    clock = 140; // slot 100 ms is 40 ms late: still on the grid, released at once
    expect(await settled(limiter.take())).toBe(true);
    clock = 1000; // a stall: slots 200..900 are dropped, the grid restarts at 1000
    expect(await settled(limiter.take())).toBe(true);
    const controller = new AbortController();
    const next = limiter.take(controller.signal); // slot 1100: must wait, not burst
    expect(await settled(next.catch(() => undefined))).toBe(false);
    controller.abort(new Error("done"));
    await expect(next).rejects.toThrow("done");
  });

  it("lets an aborted caller leave without blocking the next", async () => {
    const limiter = createRateLimiter({ ratePerSecond: 1 });
    await limiter.take();
    const controller = new AbortController();
    const waiting = limiter.take(controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    expect(() => createRateLimiter({ ratePerSecond: 0 })).toThrow(RangeError);
  });
});
