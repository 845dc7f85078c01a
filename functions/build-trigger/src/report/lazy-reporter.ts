/** A Reporter built on its first use, so events that report nothing (health checks, the webhook intake) never load it. */
import type { Reporter } from "./create-reporter.ts";

/**
 * Wraps `load` (which imports and builds the real reporter) so it runs once, on the first report;
 * every later report goes to that same instance, keeping its memory of what it posted. A failed
 * load is forgotten, so the next report tries again.
 *
 * @example
 * const reporter = lazyReporter(async () =>
 *   (await import("./create-reporter.ts")).createReporter({ config, log }),
 * );
 */
export function lazyReporter(load: () => Promise<Reporter>): Reporter {
  let built: Promise<Reporter> | undefined;
  const reporter = (): Promise<Reporter> => {
    built ??= load().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
  return {
    reportSubmitted: async (input) => (await reporter()).reportSubmitted(input),
    reportFinished: async (input) => (await reporter()).reportFinished(input),
  };
}
