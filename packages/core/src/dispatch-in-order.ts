/** Dispatches a run in dependency order: a dependent is submitted only after the builds it is built on succeeded. */
import type { DlcJob } from "@imagebuild/schema";
import { type DispatchOptions, dispatch } from "./dispatch.ts";
import { type BuildOutcome, dependenciesInRun, nextBuilds } from "./next-builds.ts";
import type { PaiClientLike } from "./pai-client-like.ts";
import type { DispatchEvent, DispatchItem, DispatchResult, FinalStatus } from "./types.ts";

/** Follows one job to its terminal status (`client.waitForJob` by default). */
export type WaitForJob = NonNullable<PaiClientLike["waitForJob"]>;

/** Options of `dispatchInOrder`: those of `dispatch`, and how a base's job is followed. */
export interface DispatchInOrderOptions extends DispatchOptions {
  /** Default `client.waitForJob`; needed when an item has a base in the run, or with `wait`. */
  waitForJob?: WaitForJob;
}

type Submitted = Extract<DispatchResult, { status: "submitted" }>;

/**
 * Like `dispatch`, but an item built on another item of the run (`FROM imagebuild:<image>:<version>`) is
 * submitted only after that one's job Succeeded (or its image already existed: `skipped`). When a base fails
 * (to submit, or its build), its dependents and theirs are not submitted: their result is `blocked` with the
 * reason. Items with no base in the run start at once; a base's job is followed with `waitForJob` (every
 * job, with `wait`). Results come back in the order of `items`. Without any in-run edge this is `dispatch`.
 * Each wave is one `dispatch` call, so the rate limit holds per wave, not across overlapping waves.
 *
 * @example
 * const results = await dispatchInOrder({ client, items, skipExisting: true, wait: true,
 *   onProgress: (e) => console.log(e.type, e.file) });
 */
export async function dispatchInOrder(options: DispatchInOrderOptions): Promise<DispatchResult[]> {
  const { items, wait = false, onProgress, signal, client } = options;
  const hasBases = items.some((item) => dependenciesInRun(item, items).length > 0);
  if (!hasBases) return dispatch(options);
  const waitForJob = options.waitForJob ?? client.waitForJob?.bind(client);
  if (!waitForJob) throw new TypeError("dispatchInOrder needs waitForJob (or client.waitForJob)");
  const isBase = new Set(items.flatMap((item) => dependenciesInRun(item, items)));
  const emit = (event: DispatchEvent) => onProgress?.(event);
  const outcomes: Record<string, BuildOutcome> = {};
  const results = new Map<string, DispatchResult>();
  const running: Promise<void>[] = [];

  const follow = async (result: Submitted): Promise<void> => {
    const finished = await followJob({ result, waitForJob, emit, signal });
    results.set(result.file, finished);
    outcomes[result.file] =
      finished.finalStatus === "Succeeded"
        ? "succeeded"
        : { failed: `${finished.finalStatus}: ${finished.reason ?? "no reason given"}` };
    schedule();
  };

  const launch = async (batch: DispatchItem[]): Promise<void> => {
    const { waitForJob: _w, ...rest } = options;
    const submitted = await dispatch({ ...rest, items: batch, wait: false });
    for (const result of submitted) {
      results.set(result.file, result);
      if (result.status === "submitted") {
        outcomes[result.file] = "running";
        if (wait || isBase.has(result.file)) running.push(follow(result));
      } else if (result.status === "skipped") outcomes[result.file] = "skipped";
      else if (result.status === "failed")
        outcomes[result.file] = { failed: `failed to submit: ${result.error.code}` };
    }
    schedule();
  };

  const started = new Set<string>();
  const schedule = () => {
    const { ready, blocked } = nextBuilds({ items, outcomes });
    for (const { file, reason } of blocked) {
      outcomes[file] = { failed: reason };
      results.set(file, { file, status: "blocked", reason });
      emit({ type: "blocked", file, reason });
    }
    const batch = ready.filter((item) => !started.has(item.spec.file));
    for (const item of batch) started.add(item.spec.file);
    if (batch.length > 0) running.push(launch(batch));
  };

  schedule();
  // Each launch or follow may push more work; wait until none is left.
  for (let done = 0; done < running.length; done += 1) await running[done];
  return items.map((item) => results.get(item.spec.file) as DispatchResult);
}

const FINAL_STATUSES = new Set<string>(["Succeeded", "Failed", "Stopped"]);

/** Follows a submitted job to its end, as `dispatch({ wait: true })` does, with the same events. */
async function followJob({
  result,
  waitForJob,
  emit,
  signal,
}: {
  result: Submitted;
  waitForJob: WaitForJob;
  emit: (event: DispatchEvent) => void;
  signal: AbortSignal | undefined;
}): Promise<Submitted> {
  const { file, jobId } = result;
  try {
    const job = await waitForJob(jobId, {
      onStatus: (status: DlcJob) =>
        emit({ type: "status", file, jobId, status: status.Status, job: status }),
      ...(signal ? { signal } : {}),
    });
    const finalStatus = (FINAL_STATUSES.has(job.Status) ? job.Status : "Failed") as FinalStatus;
    const reason =
      finalStatus === "Succeeded"
        ? undefined
        : (job.ReasonMessage ?? job.ReasonCode ?? `job ended ${job.Status}`);
    emit({
      type: "finished",
      file,
      jobId,
      finalStatus,
      ...(reason !== undefined ? { reason } : {}),
    });
    return { ...result, finalStatus, ...(reason !== undefined ? { reason } : {}) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown })?.code;
    emit({ type: "finished", file, jobId, finalStatus: "Failed", reason: message });
    return {
      ...result,
      finalStatus: "Failed",
      reason: `could not follow the job: ${typeof code === "string" ? code : "UNKNOWN"}: ${message}`,
    };
  }
}
