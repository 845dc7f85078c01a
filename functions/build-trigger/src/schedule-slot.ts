/** Cron slots: the tick a timer event belongs to, so a retried tick maps to the same ClientToken. */
import { Cron } from "croner";

const ONE_SECOND_MS = 1000;

/**
 * The latest time ≤ `at` matched by `cron` (6-field `s m h dom mon dow`, or 5-field; UTC unless
 * prefixed `CRON_TZ=<zone> `), or undefined when the expression has no earlier run.
 * A tick delivered late or retried an hour later still lands on the same slot.
 *
 * @example
 * latestSlot({ cron: "0 0 4 * * *", at: new Date("2026-01-02T04:00:07Z") }) // 2026-01-02T04:00:00.000Z
 */
export function latestSlot({ cron, at }: { cron: string; at: Date }): Date | undefined {
  const { pattern, timezone } = splitTimezone(cron);
  const job = new Cron(pattern, { paused: true, timezone });
  // previousRuns looks strictly before its reference; one second later includes `at` itself.
  return job.previousRuns(1, new Date(at.getTime() + ONE_SECOND_MS))[0];
}

/**
 * The slot before `slot` (the previous tick), used as the lower bound of a timer window.
 *
 * @example
 * previousSlot({ cron: "0 0 4 * * *", slot: new Date("2026-01-02T04:00:00Z") }) // 2026-01-01T04:00:00Z
 */
export function previousSlot({ cron, slot }: { cron: string; slot: Date }): Date | undefined {
  const { pattern, timezone } = splitTimezone(cron);
  return new Cron(pattern, { paused: true, timezone }).previousRuns(1, slot)[0];
}

/**
 * Throws a readable error when `cron` is not a valid expression (used by config and s.yaml checks).
 *
 * @example
 * assertCron("0 0 4 * * *");
 */
export function assertCron(cron: string): void {
  const { pattern, timezone } = splitTimezone(cron);
  new Cron(pattern, { paused: true, timezone });
}

/**
 * Splits an optional `CRON_TZ=<zone> ` prefix off a cron expression; without one the zone is UTC.
 *
 * @example
 * splitTimezone("CRON_TZ=Asia/Shanghai 0 0 4 * * *") // { timezone: "Asia/Shanghai", pattern: "0 0 4 * * *" }
 */
export function splitTimezone(cron: string): { pattern: string; timezone: string } {
  const match = /^CRON_TZ=(\S+)\s+(.*)$/.exec(cron.trim());
  return match
    ? { timezone: match[1] ?? "UTC", pattern: match[2] ?? "" }
    : { timezone: "UTC", pattern: cron.trim() };
}
