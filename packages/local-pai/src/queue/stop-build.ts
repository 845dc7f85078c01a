/** StopJob on the queue: a queued job stops at once, a running one is aborted and ends Stopped later. */
import type { JobStore } from "../store/job-store.ts";
import { type QueueState, settleIdle } from "./queue-state.ts";
import { JOB_STOPPED_BY_USER } from "./reason-codes.ts";

/** What `stop` did. */
export type StopResult = "stopped" | "stopping" | "already-finished" | "unknown";

/**
 * Stops one job by id.
 *
 * @example
 * stopBuild({ state, jobs, jobId: "dlc-abc" }) // "stopping"
 */
export function stopBuild({
  state,
  jobs,
  jobId,
}: {
  state: QueueState;
  jobs: JobStore;
  jobId: string;
}): StopResult {
  const index = state.pending.findIndex((b) => b.jobId === jobId);
  if (index >= 0) {
    state.pending.splice(index, 1);
    jobs.transition(jobId, "Stopped", {
      reasonCode: JOB_STOPPED_BY_USER,
      reasonMessage: "The job was stopped by StopJob before it started.",
    });
    settleIdle(state);
    return "stopped";
  }
  const running = state.running.get(jobId);
  if (running) {
    running.stopRequested = true;
    running.controller.abort(new Error("stopped by StopJob"));
    return "stopping";
  }
  const job = jobs.get(jobId);
  return job ? "already-finished" : "unknown";
}
