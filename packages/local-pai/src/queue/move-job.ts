/** Moves one job to a status and, when the store accepted it, says so in the job log and the service log. */
import type { JobStatus } from "@imagebuild/schema";
import type { Logger } from "../logger.ts";
import type { JobStore, Reason } from "../store/job-store.ts";
import type { JobLog } from "./job-log.ts";

/** Moves the job; a transition the status machine refuses is dropped silently. */
export type MoveJob = (status: JobStatus, reason?: Reason) => void;

/**
 * Makes the `move` of one job.
 *
 * @example
 * const move = createMoveJob({ jobId, jobs, jobLog, log });
 * move("Failed", { reasonCode: "BuildFailed", reasonMessage: "RUN exited with 1" });
 */
export function createMoveJob({
  jobId,
  jobs,
  jobLog,
  log,
}: {
  jobId: string;
  jobs: JobStore;
  jobLog: JobLog;
  log: Logger;
}): MoveJob {
  return (status, reason) => {
    if (!jobs.transition(jobId, status, reason)) return;
    jobLog.write(
      `[local-pai] status ${status}${reason?.reasonCode ? ` (${reason.reasonCode}: ${reason.reasonMessage})` : ""}`,
    );
    log.info("job status", { jobId, status, reasonCode: reason?.reasonCode });
  };
}
