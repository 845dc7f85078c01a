/** Crash recovery for one job: an internal error in the runner fails the job instead of leaving it running. */
import type { Logger } from "../logger.ts";
import type { JobStore } from "../store/job-store.ts";

/**
 * Logs the crash and moves the job to Failed with reason `InternalError` and the error's message.
 *
 * @example
 * runJob(options).catch((error: unknown) => failCrashedJob({ jobId, error, jobs, log }));
 */
export function failCrashedJob({
  jobId,
  error,
  jobs,
  log,
}: {
  jobId: string;
  error: unknown;
  jobs: JobStore;
  log: Logger;
}): void {
  log.error("job crashed", { jobId, error: String(error) });
  jobs.transition(jobId, "Failed", {
    reasonCode: "InternalError",
    reasonMessage: error instanceof Error ? error.message : String(error),
  });
}
