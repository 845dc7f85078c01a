/** The concurrency slots: starts queued jobs in arrival order while fewer than `concurrency` run. */
import type { Logger } from "../logger.ts";
import type { JobStore } from "../store/job-store.ts";
import type { Builder } from "./builder.ts";
import { failCrashedJob } from "./fail-crashed-job.ts";
import { openJobLog } from "./job-log.ts";
import { type QueueState, type QueuedBuild, type RunningBuild, settleIdle } from "./queue-state.ts";
import type { SucceededOutcome } from "./record-success.ts";
import { runJob } from "./run-job.ts";

/**
 * What starting a job needs: the shared state, the limit, and what `runJob` is given.
 *
 * @example
 * const slots: SlotContext = { state, concurrency: 2, jobs, builder, dataDir, log, recordSuccess };
 */
export interface SlotContext {
  state: QueueState;
  concurrency: number;
  jobs: JobStore;
  builder: Builder;
  dataDir: string;
  log: Logger;
  recordSuccess: (build: QueuedBuild, outcome: SucceededOutcome) => void;
}

/**
 * Starts queued jobs until the slots are full, the queue is empty or closed. A job that ends frees
 * its slot, fills the slots again and settles `idle()` waiters.
 *
 * @example
 * state.pending.push(build);
 * fillSlots(slots);
 */
export function fillSlots(slots: SlotContext): void {
  const { state, concurrency } = slots;
  while (!state.closed && state.running.size < concurrency && state.pending.length > 0) {
    startJob(slots, state.pending.shift() as QueuedBuild);
  }
}

// The job log masks this job's registry credentials, which the builder may echo.
function startJob(slots: SlotContext, build: QueuedBuild): void {
  const { state, jobs, builder, dataDir, log, recordSuccess } = slots;
  const secrets = Object.values(build.request.BuildConfig.RegistryAuths ?? {}).map(
    (auth) => (auth as { Auth: string }).Auth,
  );
  const jobLog = openJobLog({ dataDir, jobId: build.jobId, secrets });
  const running: RunningBuild = {
    controller: new AbortController(),
    stopRequested: false,
    done: Promise.resolve(),
  };
  state.running.set(build.jobId, running);
  running.done = runJob({
    build,
    state: running,
    jobLog,
    jobs,
    builder,
    dataDir,
    log,
    recordSuccess,
  })
    .catch((error: unknown) => failCrashedJob({ jobId: build.jobId, error, jobs, log }))
    .finally(() => {
      jobLog.close();
      state.running.delete(build.jobId);
      fillSlots(slots);
      settleIdle(state);
    });
}
