/** The ClientToken slots: which trigger occasion a build belongs to, so one occasion makes at most one build. */
import { crypto } from "./lazy-builtins.ts";
import type { BaseImageDigest } from "@imagebuild/pai-client/registry";

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

/** Prefix of a base-change rebuild's slot, followed by a short hash of the bases' new digests. */
export const BASE_CHANGE_SLOT_PREFIX = "base:";

/**
 * The slot of a rebuild because a base image changed: `base:` + the first 16 hex digits of sha256 over
 * the sorted `reference@digest` of every base as the registry names it now. Every tick that sees the same
 * new digests (a retried tick, the next tick while the build still runs) lands on the same token, so each
 * new base digest is built once; another new digest is another slot.
 *
 * @example
 * baseChangeSlot([{ reference: "docker.io/library/busybox:1.35", digest: "sha256:ab…" }]); // "base:3f1c…" (21 chars)
 */
export function baseChangeSlot(bases: readonly BaseImageDigest[]): string {
  const lines = bases.map(({ reference, digest }) => `${reference}@${digest}`).sort();
  const hash = crypto().createHash("sha256").update(lines.join("\n")).digest("hex");
  return BASE_CHANGE_SLOT_PREFIX + hash.slice(0, 16);
}

/** Separates a slot from the attempt number in the slots of rebuilds (`content#attempt:2`). */
export const ATTEMPT_SLOT_SEPARATOR = "#attempt:";

/**
 * The slot of one build attempt: attempt 1 is the slot itself (so the first build of any content keeps the
 * token it always had), attempt n > 1 appends `#attempt:n`. A later attempt is only submitted after the
 * previous one was seen Failed or Stopped (`submitWithAttempts`).
 *
 * @example
 * attemptSlot(CONTENT_SLOT, 1); // "content"
 * attemptSlot(CONTENT_SLOT, 2); // "content#attempt:2"
 */
export function attemptSlot(slot: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt must be an integer ≥ 1, got ${attempt}`);
  return attempt === 1 ? slot : `${slot}${ATTEMPT_SLOT_SEPARATOR}${attempt}`;
}
