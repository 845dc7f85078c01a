/** Submits many builds with a concurrency limit and a client-side rate limit; one result per spec. */
import { setTimeout as sleep } from "node:timers/promises";
import type { DlcJob } from "@imagebuild/schema";
import { imageExists } from "./image-exists.ts";
import type { PaiClientLike } from "./pai-client-like.ts";
import { createRateLimiter } from "./create-rate-limiter.ts";
import {
  DEFAULT_DISPATCH_CONCURRENCY,
  DEFAULT_DISPATCH_RATE_PER_SECOND,
} from "./dispatch-defaults.ts";
import { submitWithAttempts } from "./submit-with-attempts.ts";
import type { DispatchEvent, DispatchItem, DispatchResult, FinalStatus } from "./types.ts";

/** Extra submissions of an item whose error is retryable after the client's own retries (same ClientToken). */
export const DISPATCH_REQUEUES = 2;
/** Pause before such a submission, so a throttled server can recover. */
export const DISPATCH_REQUEUE_DELAY_MS = 1_000;
const FINAL_STATUSES = new Set<string>(["Succeeded", "Failed", "Stopped"]);

/** Options of `dispatch`. */
export interface DispatchOptions {
  client: PaiClientLike;
  items: DispatchItem[];
  /** Submissions in flight at once (default DEFAULT_DISPATCH_CONCURRENCY, 4). */
  concurrency?: number;
  /**
   * AIWorkspace calls per second across all workers, ListImages included (default
   * DEFAULT_DISPATCH_RATE_PER_SECOND, 5); the GetJob reads of the answered jobs (PAI-DLC) get as many.
   */
  ratePerSecond?: number;
  /** Skip a version whose image URI already exists in the workspace, unless its policy overwrites. */
  skipExisting?: boolean;
  /** Start a new attempt even where the last one succeeded (`imagebuild build --rebuild`). */
  rebuild?: boolean;
  /** Wait until every submitted job is terminal (needs `client.waitForJob`). */
  wait?: boolean;
  /** What started these builds (`push:<commit>`, `cli`, …; pai-client's `buildTrigger`), sent with each. */
  trigger?: string | undefined;
  onProgress?: (event: DispatchEvent) => void;
  signal?: AbortSignal;
}

/**
 * Submits every item with its ClientToken. The client retries throttling and transient errors with the
 * same token; an item still failing with a retryable error is submitted again up to DISPATCH_REQUEUES times
 * after a pause. A retried call (or a whole dispatch run again) never creates a second build; content whose
 * last build ended Failed or Stopped is built again as the next attempt (`submitWithAttempts`). Results
 * come back in the order of `items`; a failure of one item never stops the others.
 *
 * @example
 * const results = await dispatch({ client, items, concurrency: 4, ratePerSecond: 10, wait: true,
 *   onProgress: (e) => console.log(e.type, e.file) });
 */
export async function dispatch({
  client,
  items,
  concurrency = DEFAULT_DISPATCH_CONCURRENCY,
  ratePerSecond = DEFAULT_DISPATCH_RATE_PER_SECOND,
  skipExisting = false,
  rebuild = false,
  wait = false,
  trigger,
  onProgress,
  signal,
}: DispatchOptions): Promise<DispatchResult[]> {
  if (wait && !client.waitForJob)
    throw new TypeError("dispatch({ wait: true }) needs a client with waitForJob");
  const limiter = createRateLimiter({ ratePerSecond });
  // GetJob is PAI-DLC's API (its own endpoint and flow control), so reading the answered jobs has its
  // own budget at the same rate and does not halve the AIWorkspace submissions per second.
  const jobReads = createRateLimiter({ ratePerSecond });
  const results: DispatchResult[] = new Array(items.length);
  const waits: Promise<void>[] = [];
  const emit = (event: DispatchEvent) => onProgress?.(event);
  // The submission reads each job once; following it must not print that status a second time.
  const lastStatus = new Map<string, string>();
  const emitStatus = (file: string, job: DlcJob) => {
    if (lastStatus.get(file) === job.Status) return;
    lastStatus.set(file, job.Status);
    emit({ type: "status", file, jobId: job.JobId, status: job.Status, job });
  };
  let next = 0;

  const submit = async (item: DispatchItem): Promise<DispatchResult> => {
    const file = item.spec.file;
    try {
      signal?.throwIfAborted();
      if (skipExisting && item.spec.policy.tag !== "overwrite") {
        await limiter.take(signal);
        const workspaceId = item.request.WorkspaceId;
        const imageUri = item.request.Image.Uri;
        if (await imageExists({ client, workspaceId, imageUri, signal })) {
          const reason = `image ${imageUri} already exists in workspace ${workspaceId}`;
          emit({ type: "skipped", file, reason });
          return { file, status: "skipped", reason };
        }
      }
      const outcome = await submitWithAttempts({
        client,
        item,
        create: (clientToken) => createWithRequeues(item, clientToken),
        take: () => jobReads.take(signal),
        rebuild,
        signal,
      });
      const { created, attempt, replay, rebuildOf } = outcome;
      const found = {
        imageBuildId: created.ImageBuildId,
        jobId: created.ImageBuildJobId,
        attempt,
        ...(replay ? { replay } : {}),
        ...(rebuildOf ? { rebuildOf } : {}),
      };
      emit({ type: "submitted", file, ...found });
      if (outcome.job) emitStatus(file, outcome.job);
      return { file, status: "submitted", ...found, clientToken: outcome.clientToken };
    } catch (error) {
      const failure = toFailure(error);
      emit({ type: "failed", file, code: failure.code, message: failure.message });
      return { file, status: "failed", error: failure };
    }
  };

  // The ClientToken makes a repeated submission safe: at most one build, whatever reached the server.
  const createWithRequeues = async (item: DispatchItem, clientToken: string) => {
    for (let attempt = 0; ; attempt += 1) {
      await limiter.take(signal);
      try {
        return await client.createImageBuild(item.request, {
          clientToken,
          ...(trigger !== undefined ? { trigger } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (attempt >= DISPATCH_REQUEUES || !toFailure(error).retryable) throw error;
        await sleep(DISPATCH_REQUEUE_DELAY_MS, undefined, signal ? { signal } : undefined);
      }
    }
  };

  const follow = async (
    index: number,
    result: Extract<DispatchResult, { status: "submitted" }>,
  ) => {
    const file = result.file;
    try {
      const job = await (client.waitForJob as NonNullable<PaiClientLike["waitForJob"]>)(
        result.jobId,
        {
          onStatus: (status: DlcJob) => emitStatus(file, status),
          ...(signal ? { signal } : {}),
        },
      );
      const finalStatus = (FINAL_STATUSES.has(job.Status) ? job.Status : "Failed") as FinalStatus;
      const reason =
        finalStatus === "Succeeded"
          ? undefined
          : (job.ReasonMessage ?? job.ReasonCode ?? `job ended ${job.Status}`);
      results[index] = { ...result, finalStatus, ...(reason !== undefined ? { reason } : {}) };
      emit({
        type: "finished",
        file,
        jobId: result.jobId,
        finalStatus,
        ...(reason !== undefined ? { reason } : {}),
      });
    } catch (error) {
      const failure = toFailure(error);
      results[index] = {
        ...result,
        finalStatus: "Failed",
        reason: `could not follow the job: ${failure.code}: ${failure.message}`,
      };
      emit({
        type: "finished",
        file,
        jobId: result.jobId,
        finalStatus: "Failed",
        reason: failure.message,
      });
    }
  };

  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      const result = await submit(items[index] as DispatchItem);
      results[index] = result;
      if (wait && result.status === "submitted") waits.push(follow(index, result));
    }
  };
  const workers = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  await Promise.all(waits);
  return results;
}

function toFailure(error: unknown): { code: string; message: string; retryable: boolean } {
  const e = error as { code?: unknown; message?: unknown; retryable?: unknown; name?: unknown };
  const code =
    typeof e?.code === "string" ? e.code : e?.name === "AbortError" ? "ABORTED" : "UNKNOWN";
  return {
    code,
    message: typeof e?.message === "string" ? e.message : String(error),
    retryable: e?.retryable === true,
  };
}
