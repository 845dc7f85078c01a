/** The ClientToken slots: which trigger occasion a build belongs to, so one occasion makes at most one build. */

/** The slot of pushes, uploads and CLI builds: the rendered content alone decides the build. */
export const CONTENT_SLOT = "content";

/** Prefix of a timer's slot, followed by the ISO time of the cron run (`schedule:2026-11-27T04:00:00.000Z`). */
export const SCHEDULE_SLOT_PREFIX = "schedule:";

/**
 * The slot of a scheduled rebuild: one build per spec and cron run, however often the tick is retried.
 *
 * @example
 * scheduleSlot(new Date("2026-11-27T04:00:00Z")); // "schedule:2026-11-27T04:00:00.000Z"
 */
export function scheduleSlot(run: Date): string {
  return SCHEDULE_SLOT_PREFIX + run.toISOString();
}
