/** Runs one job from EnvPreparing to its end: Succeeded, Stopped (StopJob) or the builder's failure. */
import type { Logger } from "../logger.ts";
import type { JobStore } from "../store/job-store.ts";
import type { Builder, BuildOutcome } from "./builder.ts";
import { callBuilder } from "./call-builder.ts";
import type { JobLog } from "./job-log.ts";
import { createMoveJob, type MoveJob } from "./move-job.ts";
import type { QueuedBuild, RunningBuild } from "./queue-state.ts";
import { JOB_STOPPED_BY_USER } from "./reason-codes.ts";
import type { SucceededOutcome } from "./record-success.ts";

/** What `runJob` needs besides the build: the stores, the builder and where to work. */
export interface RunJobOptions {
  build: QueuedBuild;
  state: RunningBuild;
  jobLog: JobLog;
  jobs: JobStore;
  builder: Builder;
  dataDir: string;
  log: Logger;
  recordSuccess: (build: QueuedBuild, outcome: SucceededOutcome) => void;
}

/**
 * Runs one dequeued job. Rejects only on an internal error (the caller fails the job with it).
 *
 * @example
 * state.done = runJob({ build, state, jobLog, jobs, builder, dataDir, log, recordSuccess });
 */
export async function runJob({
  build,
  state,
  jobLog,
  jobs,
  builder,
  dataDir,
  log,
  recordSuccess,
}: RunJobOptions): Promise<void> {
  const move = createMoveJob({ jobId: build.jobId, jobs, jobLog, log });
  move("EnvPreparing");
  const outcome = await callBuilder({ build, state, jobLog, move, builder, dataDir });
  finishJob({ build, state, jobLog, log, move, recordSuccess, outcome });
}

/**
 * Records how the job ended; StopJob wins over the builder's own failure or stop.
 *
 * @example
 * finishJob({ build, state, jobLog, log, move, recordSuccess, outcome });
 */
export function finishJob({
  build,
  state,
  jobLog,
  log,
  move,
  recordSuccess,
  outcome,
}: Pick<RunJobOptions, "build" | "state" | "jobLog" | "log" | "recordSuccess"> & {
  move: MoveJob;
  outcome: BuildOutcome;
}): void {
  if (outcome.status === "Succeeded") {
    recordSuccess(build, outcome);
    jobLog.write(`[local-pai] status Succeeded (${outcome.digest}, ${outcome.sizeBytes} bytes)`);
    log.info("job status", { jobId: build.jobId, status: "Succeeded" });
  } else if (state.stopRequested) {
    move("Stopped", {
      reasonCode: JOB_STOPPED_BY_USER,
      reasonMessage: "The job was stopped by StopJob.",
    });
  } else {
    move(outcome.status, {
      reasonCode: outcome.reasonCode,
      reasonMessage: outcome.reasonMessage,
    });
  }
}
