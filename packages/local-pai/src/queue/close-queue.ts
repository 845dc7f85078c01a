/** A clean shutdown of the queue: queued and running jobs fail with `ServiceStopped`, builders are aborted. */
import type { JobStore } from "../store/job-store.ts";
import { type QueueState, settleIdle } from "./queue-state.ts";
import { SERVICE_STOPPED } from "./reason-codes.ts";

/**
 * Closes the queue (no more jobs start) and resolves when every aborted builder has returned.
 *
 * @example
 * await closeQueue({ state, jobs });
 */
export async function closeQueue({
  state,
  jobs,
}: {
  state: QueueState;
  jobs: JobStore;
}): Promise<void> {
  state.closed = true;
  const reason = {
    reasonCode: SERVICE_STOPPED,
    reasonMessage: "The local PAI service was shut down before the job finished.",
  };
  for (const build of state.pending.splice(0)) jobs.transition(build.jobId, "Failed", reason);
  for (const [jobId, running] of state.running) {
    jobs.transition(jobId, "Failed", reason);
    running.controller.abort(new Error("service shutdown"));
  }
  await Promise.all([...state.running.values()].map((s) => s.done));
  settleIdle(state);
}
