/** FC's asynchronous invocation queue, locally: at least once (a record can arrive twice), retried per s.yaml. */
import { setTimeout as sleep } from "node:timers/promises";

/** s.yaml's `asyncInvokeConfig` fields the queue follows. */
export interface AsyncInvokeConfig {
  /** Retries after a failed attempt (FC: 0–8, default 3). */
  maxAsyncRetryAttempts: number;
}

/** One task as the queue tracks it. */
export interface AsyncTask {
  taskId: string;
  payload: Buffer;
  /** Deliveries made (first attempts, retries and duplicates). */
  deliveries: number;
  status: "queued" | "running" | "succeeded" | "failed";
  answer?: unknown;
  error?: string;
}

/** The queue. */
export interface AsyncInvocations {
  /** Enqueues a task; `false` when `taskId` was seen before (FC answers 409). */
  enqueue(payload: Buffer, taskId: string): boolean;
  tasks: Map<string, AsyncTask>;
  /** Resolves when no task is queued or running. */
  idle(): Promise<void>;
}

/** Pause before retry n (1-based): 50 ms, doubling; FC's own backoff is longer. */
const RETRY_BASE_DELAY_MS = 50;

/**
 * Runs each enqueued task through `invoke`; a throw (the handler threw, or its process died) is
 * retried up to `maxAsyncRetryAttempts` times, as FC does. With `duplicate(taskId)` true, the task
 * is delivered a second time at once, concurrently with the first: FC promises at least once, and
 * tests use this to prove a twice-delivered record still builds once.
 *
 * @example
 * const queue = createAsyncInvocations({ invoke, config: { maxAsyncRetryAttempts: 3 }, out: console.log });
 * queue.enqueue(Buffer.from("{}"), "task-1");
 */
export function createAsyncInvocations({
  invoke,
  config,
  duplicate = () => false,
  out = () => {},
  onAnswer = () => {},
}: {
  invoke(payload: Buffer, requestId: string): Promise<unknown>;
  config: AsyncInvokeConfig;
  duplicate?: (taskId: string) => boolean;
  out?: (line: string) => void;
  onAnswer?: (answer: unknown, task: AsyncTask) => void;
}): AsyncInvocations {
  const tasks = new Map<string, AsyncTask>();
  const running = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  const deliver = async (task: AsyncTask, copy: number): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      task.deliveries += 1;
      task.status = "running";
      try {
        const answer = await invoke(task.payload, `${task.taskId}-${copy}-${attempt}`);
        task.status = "succeeded";
        task.answer = answer;
        onAnswer(answer, task);
        return;
      } catch (error) {
        task.error = error instanceof Error ? error.message : String(error);
        if (attempt >= config.maxAsyncRetryAttempts) {
          task.status = "failed";
          out(`async ${task.taskId} failed after ${attempt + 1} attempt(s): ${task.error}`);
          return;
        }
        out(`async ${task.taskId} attempt ${attempt + 1} failed, retrying: ${task.error}`);
        await sleep(RETRY_BASE_DELAY_MS * 2 ** attempt);
      }
    }
  };

  return {
    tasks,
    enqueue(payload, taskId) {
      if (tasks.has(taskId)) return false;
      const task: AsyncTask = { taskId, payload, deliveries: 0, status: "queued" };
      tasks.set(taskId, task);
      // Started on the next turn, as FC answers 202 before it delivers.
      track(sleep(0).then(() => deliver(task, 0)));
      if (duplicate(taskId)) track(sleep(0).then(() => deliver(task, 1)));
      return true;
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
