/** The build queue: a concurrency limit, the DLC status machine, stop, and the per-job log. */
import type { Logger } from "../logger.ts";
import type { ImageStore } from "../store/image-store.ts";
import type { JobStore } from "../store/job-store.ts";
import type { Db } from "../store/open-database.ts";
import type { Builder } from "./builder.ts";
import { closeQueue } from "./close-queue.ts";
import { fillSlots } from "./fill-slots.ts";
import { openJobLog } from "./job-log.ts";
import { createQueueState, isIdle, type QueuedBuild } from "./queue-state.ts";
import { createRecordSuccess } from "./record-success.ts";
import { type StopResult, stopBuild } from "./stop-build.ts";

export { JOB_STOPPED_BY_USER, SERVICE_STOPPED } from "./reason-codes.ts";
export type { QueuedBuild } from "./queue-state.ts";
export type { StopResult } from "./stop-build.ts";

/**
 * The queue.
 *
 * @example
 * queue.stop("dlc-abc") // "stopping"
 */
export interface BuildQueue {
  /** Moves the job to Queuing and starts it when a slot is free. */
  enqueue(build: QueuedBuild): void;
  /** Stops a queued job at once, or aborts a running one (it ends Stopped when the builder returns). */
  stop(jobId: string): StopResult;
  /** Resolves when no job is queued or running. */
  idle(): Promise<void>;
  /** Fails queued and running jobs with `ServiceStopped`, aborts the builders and waits for them. */
  close(): Promise<void>;
}

/**
 * Creates the queue. `concurrency` builds run at once; the rest wait in arrival order.
 *
 * @example
 * const queue = createBuildQueue({ db, jobs, images, builder, concurrency: 2, dataDir, log });
 * queue.enqueue({ jobId, imageBuildId, request, accessKeyId: "anonymous" });
 */
export function createBuildQueue({
  db,
  jobs,
  images,
  builder,
  concurrency,
  dataDir,
  log,
}: {
  db: Db;
  jobs: JobStore;
  images: ImageStore;
  builder: Builder;
  concurrency: number;
  dataDir: string;
  log: Logger;
}): BuildQueue {
  const state = createQueueState();
  const recordSuccess = createRecordSuccess({ db, jobs, images });
  const slots = { state, concurrency, jobs, builder, dataDir, log, recordSuccess };
  return {
    enqueue(build) {
      if (state.closed) throw new Error("local-pai: the build queue is closed");
      jobs.transition(build.jobId, "Queuing");
      const jobLog = openJobLog({ dataDir, jobId: build.jobId });
      jobLog.write("[local-pai] status Queuing");
      jobLog.close();
      state.pending.push(build);
      fillSlots(slots);
    },
    stop: (jobId) => stopBuild({ state, jobs, jobId }),
    idle() {
      if (isIdle(state)) return Promise.resolve();
      return new Promise((resolve) => state.idleWaiters.push(resolve));
    },
    close: () => closeQueue({ state, jobs }),
  };
}
