/** The queue's shared state: the waiting builds, the running ones, and who waits for idle. */
import type { CreateImageBuildRequest } from "@imagebuild/schema";

/**
 * A job to run: its ids, the full request (with credentials, kept in memory only) and its caller.
 *
 * @example
 * queue.enqueue({ jobId: "dlc-1", imageBuildId: "build-1", request, accessKeyId: "anonymous" });
 */
export interface QueuedBuild {
  jobId: string;
  imageBuildId: string;
  request: CreateImageBuildRequest;
  accessKeyId: string;
}

/**
 * One running job: its abort switch, whether StopJob asked for it, and when it has ended.
 *
 * @example
 * const state: RunningBuild = { controller: new AbortController(), stopRequested: false, done: Promise.resolve() };
 */
export interface RunningBuild {
  controller: AbortController;
  stopRequested: boolean;
  done: Promise<void>;
}

/**
 * What the queue's parts share; `pending` is in arrival order.
 *
 * @example
 * const state = createQueueState();
 * state.pending.push(build);
 */
export interface QueueState {
  pending: QueuedBuild[];
  running: Map<string, RunningBuild>;
  closed: boolean;
  idleWaiters: (() => void)[];
}

/**
 * An empty, open queue state.
 *
 * @example
 * const state = createQueueState(); // { pending: [], running: Map(0), closed: false, idleWaiters: [] }
 */
export function createQueueState(): QueueState {
  return { pending: [], running: new Map(), closed: false, idleWaiters: [] };
}

/**
 * True when no job is queued or running.
 *
 * @example
 * if (isIdle(state)) return Promise.resolve();
 */
export function isIdle(state: QueueState): boolean {
  return state.pending.length === 0 && state.running.size === 0;
}

/**
 * Resolves every `idle()` waiter when the queue has become idle; does nothing otherwise.
 *
 * @example
 * running.delete(jobId);
 * settleIdle(state);
 */
export function settleIdle(state: QueueState): void {
  if (!isIdle(state)) return;
  const waiters = state.idleWaiters;
  state.idleWaiters = [];
  for (const resolve of waiters) resolve();
}
