/** Says what a submission was: a replay of an earlier build, or a rebuild of a failed one, with its age. */
import type { EarlierJob } from "@imagebuild/core";

/**
 * How long ago, in the largest whole unit: `12 s`, `10 min`, `3 h`, `2 d`.
 *
 * @example
 * formatAge(3 * 3_600_000); // "3 h"
 */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

/**
 * The sentence for a submitted build that was not simply new, or undefined for a new first attempt:
 * `already built: job dlc-1 Succeeded 3 h ago`, `already building: job dlc-1 Running (attempt 1)`,
 * `job dlc-1 Failed 10 min ago: rebuilding as attempt 2`.
 *
 * @example
 * describeAttempt({ attempt: 2, rebuildOf: { jobId: "dlc-1", status: "Failed", at } }); // "job dlc-1 Failed 10 min ago: rebuilding as attempt 2"
 */
export function describeAttempt(
  {
    attempt = 1,
    replay,
    rebuildOf,
  }: { attempt?: number | undefined; replay?: EarlierJob; rebuildOf?: EarlierJob },
  now = Date.now(),
): string | undefined {
  const ago = (job: EarlierJob) => `${formatAge(now - Date.parse(job.at))} ago`;
  if (replay?.status === "Succeeded")
    return `already built: job ${replay.jobId} Succeeded ${ago(replay)}`;
  if (replay && ["Failed", "Stopped"].includes(replay.status))
    return `job ${replay.jobId} ${replay.status} ${ago(replay)}${replay.reason ? `: ${replay.reason}` : ""} (attempt ${attempt}, not rebuilt)`;
  if (replay) return `already building: job ${replay.jobId} ${replay.status} (attempt ${attempt})`;
  if (rebuildOf)
    return `job ${rebuildOf.jobId} ${rebuildOf.status} ${ago(rebuildOf)}: rebuilding as attempt ${attempt}`;
  return undefined;
}
