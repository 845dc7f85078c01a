/** Polls a DLC job with growing intervals until it reaches Succeeded, Failed or Stopped. */
import { setTimeout as sleep } from "node:timers/promises";
import type { DlcJob, JobStatus } from "@imagebuild/schema";
import { PaiError } from "./pai-error.ts";

/** Statuses after which a DLC job never changes again. */
export const TERMINAL_JOB_STATUSES: ReadonlySet<JobStatus> = new Set([
  "Succeeded",
  "Failed",
  "Stopped",
]);

/** Polling options of `waitForJob`. */
export interface WaitForJobOptions {
  /** Called with the job on the first poll and whenever `Status` changes. */
  onStatus?: ((job: DlcJob) => void) | undefined;
  /** First interval; it grows by half each poll up to `maxPollMs`. */
  pollMs?: number | undefined;
  maxPollMs?: number | undefined;
  /** Overall limit; then `PaiError` code `WaitTimeout` (the job keeps running). */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** First poll interval. */
export const DEFAULT_POLL_MS = 2_000;
/** Longest poll interval. */
export const DEFAULT_MAX_POLL_MS = 30_000;
/** Overall wait: two hours, longer than a typical image build. */
export const DEFAULT_WAIT_TIMEOUT_MS = 2 * 60 * 60 * 1000;
const POLL_GROWTH = 1.5;

/**
 * Polls `getJob` until the job is terminal and returns that last snapshot (also for Failed and Stopped:
 * the caller decides what a failed build means).
 *
 * @example
 * const job = await pollJob({ jobId: "dlc-1", getJob: (id, o) => client.getJob(id, o), onStatus: (j) => log(j.Status) });
 */
export async function pollJob({
  jobId,
  getJob,
  onStatus,
  pollMs = DEFAULT_POLL_MS,
  maxPollMs = DEFAULT_MAX_POLL_MS,
  timeoutMs = DEFAULT_WAIT_TIMEOUT_MS,
  signal,
}: WaitForJobOptions & {
  jobId: string;
  getJob: (jobId: string, options: { signal?: AbortSignal | undefined }) => Promise<DlcJob>;
}): Promise<DlcJob> {
  const deadline = Date.now() + timeoutMs;
  let interval = pollMs;
  let lastStatus: string | undefined;
  for (;;) {
    const job = await pollOnce(jobId, getJob, signal, deadline);
    if (job && job.Status !== lastStatus) {
      lastStatus = job.Status;
      onStatus?.(job);
    }
    if (job && TERMINAL_JOB_STATUSES.has(job.Status)) return job;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new PaiError({
        code: "WaitTimeout",
        action: "WaitForJob",
        message: `job ${jobId} is still ${lastStatus ?? "unknown"} after ${timeoutMs} ms; it keeps running, poll again or stop it`,
      });
    }
    try {
      await sleep(Math.min(interval, remaining), undefined, { signal });
    } catch (cause) {
      throw new PaiError({
        code: "Aborted",
        action: "WaitForJob",
        message: `stopped waiting for job ${jobId}`,
        cause,
      });
    }
    interval = Math.min(maxPollMs, Math.round(interval * POLL_GROWTH));
  }
}

// A build runs for minutes: a poll that still fails after the client's own retries is skipped, not
// fatal, as long as the failure is retryable and the deadline has not passed.
async function pollOnce(
  jobId: string,
  getJob: (jobId: string, options: { signal?: AbortSignal | undefined }) => Promise<DlcJob>,
  signal: AbortSignal | undefined,
  deadline: number,
): Promise<DlcJob | undefined> {
  try {
    return await getJob(jobId, { signal });
  } catch (error) {
    const retryable = error instanceof PaiError && error.retryable && error.code !== "Aborted";
    if (retryable && Date.now() < deadline && !signal?.aborted) return undefined;
    throw error;
  }
}
