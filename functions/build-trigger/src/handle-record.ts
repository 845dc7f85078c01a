/** Job records (this function's own async invocations): dispatch a push's specs, then follow their builds. */
import { setTimeout as sleep } from "node:timers/promises";
import { buildSpecs, CONTENT_SLOT } from "@imagebuild/core";
import { buildTrigger } from "@imagebuild/pai-client/build-trigger";
import { isRetryableError } from "@imagebuild/pai-client/retry-policy";
import type { DlcJob, InvocationAnswer, SpecResult } from "@imagebuild/schema";
import { RetryableBuildError, throwIfRetryable } from "./errors.ts";
import type { JobRecord } from "./events/job-record.ts";
import type { FcContext, HandlerDeps, RecordOutcomes, TriggerClient } from "./handler-deps.ts";
import { pushSource } from "./push-source.ts";
import { reportRecordOutcomes } from "./report/report-record-outcomes.ts";

const TERMINAL = new Set(["Succeeded", "Failed", "Stopped"]);
/** How long after following starts GetJob is polled every FOLLOW_FAST_POLL_MS. */
const FOLLOW_FAST_MS = 30_000;
const FOLLOW_FAST_POLL_MS = 1000;
type Followed = NonNullable<JobRecord["jobs"]>[number];

/**
 * Works on one job record. `dispatch`: reads the record's spec files at the pushed commit and
 * submits them (core's `buildSpecs`; ClientTokens make a redelivered or retried record a replay),
 * reports the outcomes, then enqueues a `follow` record with the submitted jobs. `follow`: polls
 * `GetJob` for up to the follow slice; terminal jobs are reported, the rest go on in the next
 * follow record, until the follow limit (then a "gave up following after …" report). Throws
 * `RetryableBuildError` when a retry can help, so Function Compute retries the invocation.
 *
 * @example
 * const answer = await handleRecord({ record, context, deps });
 */
export async function handleRecord({
  record,
  context,
  deps,
}: {
  record: JobRecord;
  context: FcContext;
  deps: HandlerDeps;
}): Promise<InvocationAnswer> {
  const log = deps.log.child({
    delivery: record.delivery,
    part: `${record.part + 1}/${record.parts}`,
    phase: record.phase,
  });
  const client = await deps.clientFor(context);
  try {
    return record.phase === "dispatch"
      ? await dispatchRecord({ record, context, deps, client, log })
      : await followRecord({ record, context, deps, client, log });
  } finally {
    await client.close?.();
  }
}

type Step = {
  record: JobRecord;
  context: FcContext;
  deps: HandlerDeps;
  client: TriggerClient;
  log: HandlerDeps["log"];
};

/**
 * Reads `files` at the pushed commit and submits them; with following on, a spec built on another
 * spec of the same run comes back `waiting` (the follow step submits it once its bases succeeded).
 */
async function submitFiles({
  record,
  files,
  deps,
  client,
  log,
}: Omit<Step, "context"> & { files: string[] }): Promise<SpecResult[]> {
  let results: SpecResult[];
  try {
    results = await buildSpecs({
      source: pushSource({
        push: {
          kind: "push",
          provider: record.provider,
          deliveryKey: record.delivery,
          repository: record.repository,
          branch: record.branch,
          before: record.before,
          after: record.after,
          build: files,
          removed: record.removed ?? [],
          truncated: record.truncated ?? false,
          compare: false,
        },
        config: deps.config,
      }),
      paths: files,
      slotFor: () => ({ slot: CONTENT_SLOT }),
      context: {
        client,
        config: { ...deps.config, holdDependents: deps.config.followLimitMs > 0 },
        log,
        env: deps.env,
        trigger: buildTrigger({ kind: "push", detail: record.after }),
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isRetryableError(error))
      throw new RetryableBuildError({
        message: `${record.delivery}: ${message}`,
        files,
        cause: error,
      });
    // The specs could not be read (a private repository without a token, a wrong API root): an
    // error for each, reported on the commit, never a skip.
    const code = (error as { code?: unknown } | null)?.code;
    results = files.map((file) => ({
      file,
      status: "error",
      code: typeof code === "string" ? code : "SOURCE_FAILED",
      reason: message,
    }));
  }
  return results;
}

async function dispatchRecord({ record, context, deps, client, log }: Step) {
  const files = record.files ?? [];
  const results = await submitFiles({ record, files, deps, client, log });
  results.push(
    ...(record.removed ?? []).map((file) => ({
      file,
      status: "removed" as const,
      reason: "removed in this push; nothing built",
    })),
  );
  log.info("record dispatched", {
    results: results.map((result) => `${result.file}: ${result.status}`),
  });
  throwIfRetryable(results);
  await report(deps, { phase: "dispatched", record, results });
  const jobs = results.flatMap((result): Followed[] =>
    result.status === "submitted"
      ? [
          {
            file: result.file,
            jobId: result.jobId,
            imageBuildId: result.imageBuildId,
            clientToken: result.clientToken,
          },
        ]
      : [],
  );
  const waiting = waitingOf(results);
  // A base that is already built (skipped: its image exists) does not hold its dependents back.
  const succeeded = results.flatMap((result) => (result.status === "skipped" ? [result.file] : []));
  if ((jobs.length > 0 || waiting.length > 0) && deps.config.followLimitMs > 0) {
    await enqueueFollow({
      deps,
      context,
      record,
      jobs,
      round: 0,
      followSince: deps.now().toISOString(),
      waiting,
      succeeded,
    });
  }
  return answer("dispatched", record, results);
}

async function followRecord({ record, context, deps, client, log }: Step) {
  const getJob = client.getJob?.bind(client);
  if (!getJob) throw new TypeError("following builds needs a PAI client with getJob");
  const since = Date.parse(record.followSince ?? record.acceptedAt);
  const sliceEnd = Date.now() + deps.config.followSliceMs;
  let pending = [...(record.jobs ?? [])];
  const done: SpecResult[] = [];
  for (;;) {
    const polled = await Promise.all(
      pending.map(async (job) => ({ job, snapshot: await pollOnce(getJob, job.jobId) })),
    );
    pending = [];
    for (const { job, snapshot } of polled) {
      if (snapshot && TERMINAL.has(snapshot.Status)) done.push(finished(job, snapshot));
      else pending.push(job);
    }
    // For the first FOLLOW_FAST_MS of following, poll every second, so a short build's status
    // follows its end within about a second; then every IMAGEBUILD_FOLLOW_POLL_MS, so a long one
    // costs few GetJob calls.
    const delayMs =
      Date.now() - since < FOLLOW_FAST_MS
        ? Math.min(FOLLOW_FAST_POLL_MS, deps.config.followPollMs)
        : deps.config.followPollMs;
    if (pending.length === 0 || Date.now() + delayMs > sliceEnd) break;
    await sleep(delayMs);
  }
  if (done.length > 0) await report(deps, { phase: "followed", record, results: done });
  const next = await releaseDependents({ record, done, pending, deps, client, log });
  pending.push(...next.jobs);
  if (pending.length === 0) {
    log.info("record followed", { results: done.map((r) => `${r.file}: ${finalOf(r)}`) });
    return answer("followed", record, [...done, ...next.results]);
  }
  const elapsedMs = deps.now().getTime() - since;
  if (elapsedMs >= deps.config.followLimitMs) {
    const note = `gave up following after ${Math.round(elapsedMs / 1000)} s (IMAGEBUILD_FOLLOW_LIMIT_SECONDS): ${pending.length} build(s) not finished: ${pending.map((job) => `${job.file} (${job.jobId})`).join(", ")}`;
    const stillRunning: SpecResult[] = pending.map((job) => ({
      file: job.file,
      status: "submitted",
      jobId: job.jobId,
      imageBuildId: job.imageBuildId,
      clientToken: job.clientToken,
      reason: "still running when following stopped",
    }));
    log.warn("gave up following", { note });
    await report(deps, { phase: "gave-up", record, results: stillRunning, note });
    return { ...answer("gave-up", record, [...done, ...stillRunning]), note };
  }
  await enqueueFollow({
    deps,
    context,
    record,
    jobs: pending,
    round: (record.round ?? 0) + 1,
    followSince: record.followSince ?? new Date(since).toISOString(),
    waiting: next.waiting,
    succeeded: next.succeeded,
  });
  return answer("following", record, [...done, ...next.results]);
}

type Waiting = NonNullable<JobRecord["waiting"]>[number];

function waitingOf(results: readonly SpecResult[]): Waiting[] {
  return results.flatMap((result) =>
    result.status === "waiting" ? [{ file: result.file, bases: result.bases }] : [],
  );
}

/**
 * The follow step's half of the graph: a waiting spec whose bases all succeeded is submitted now
 * (its jobs join the ones followed), one whose base ended otherwise (or was never built) is
 * `blocked` with the reason, transitively, and the rest keep waiting. No invocation waits idle.
 */
async function releaseDependents({
  record,
  done,
  pending,
  deps,
  client,
  log,
}: Omit<Step, "context"> & { done: SpecResult[]; pending: Followed[] }): Promise<{
  jobs: Followed[];
  waiting: Waiting[];
  succeeded: string[];
  /** What this step decided: the dependents it blocked and the ones it submitted. */
  results: SpecResult[];
}> {
  const succeeded = new Set(record.succeeded ?? []);
  for (const result of done) if (finalOf(result) === "Succeeded") succeeded.add(result.file);
  const ended = new Map(done.map((result) => [result.file, finalOf(result)]));
  const running = new Set(pending.map((job) => job.file));
  let waiting = [...(record.waiting ?? [])];
  const ready: string[] = [];
  const blocked: SpecResult[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    const stillWaiting = new Set(waiting.map((spec) => spec.file));
    for (const spec of waiting) {
      const missing = spec.bases.filter((base) => !succeeded.has(base));
      const lost = missing.find((base) => !running.has(base) && !stillWaiting.has(base));
      if (missing.length === 0) ready.push(spec.file);
      else if (lost) {
        const how = ended.get(lost) ?? "not built";
        blocked.push({ file: spec.file, status: "blocked", reason: `its base ${lost}: ${how}` });
      } else continue;
      waiting = waiting.filter((other) => other !== spec);
      changed = true;
      break;
    }
  }
  if (blocked.length > 0) await report(deps, { phase: "dispatched", record, results: blocked });
  if (ready.length === 0) return { jobs: [], waiting, succeeded: [...succeeded], results: blocked };
  const results = await submitFiles({ record, files: ready, deps, client, log });
  throwIfRetryable(results);
  log.info("dependents dispatched", {
    results: results.map((result) => `${result.file}: ${result.status}`),
  });
  await report(deps, { phase: "dispatched", record, results });
  for (const result of results) if (result.status === "skipped") succeeded.add(result.file);
  return {
    jobs: results.flatMap((result): Followed[] =>
      result.status === "submitted"
        ? [
            {
              file: result.file,
              jobId: result.jobId,
              imageBuildId: result.imageBuildId,
              clientToken: result.clientToken,
            },
          ]
        : [],
    ),
    waiting: [...waiting, ...waitingOf(results)],
    succeeded: [...succeeded],
    results: [...blocked, ...results],
  };
}

async function enqueueFollow({
  deps,
  context,
  record,
  jobs,
  round,
  followSince,
  waiting,
  succeeded,
}: {
  deps: HandlerDeps;
  context: FcContext;
  record: JobRecord;
  jobs: Followed[];
  round: number;
  followSince: string;
  waiting: Waiting[];
  succeeded: string[];
}): Promise<void> {
  const { files: _files, removed: _removed, ...rest } = record;
  const invoker = await deps.invokerFor(context);
  try {
    await invoker.enqueue({
      ...rest,
      phase: "follow",
      jobs,
      round,
      followSince,
      ...(waiting.length > 0 ? { waiting, succeeded } : { waiting: [], succeeded: [] }),
    });
  } catch (error) {
    // Without the follow record nobody learns the outcome: retry the invocation (a replay).
    throw new RetryableBuildError({
      message: `could not enqueue the follow record: ${error instanceof Error ? error.message : String(error)}`,
      files: jobs.map((job) => job.file),
      cause: error,
    });
  } finally {
    await invoker.close?.();
  }
}

// A poll that fails even after the client's retries is tried again next round, not fatal.
async function pollOnce(
  getJob: (jobId: string) => Promise<DlcJob>,
  jobId: string,
): Promise<DlcJob | undefined> {
  try {
    return await getJob(jobId);
  } catch (error) {
    if (isRetryableError(error)) return undefined;
    throw error;
  }
}

function finished(job: Followed, snapshot: DlcJob): SpecResult {
  const reason = [snapshot.ReasonCode, snapshot.ReasonMessage].filter(Boolean).join(": ");
  return {
    file: job.file,
    status: "submitted",
    jobId: job.jobId,
    imageBuildId: job.imageBuildId,
    clientToken: job.clientToken,
    finalStatus: snapshot.Status as "Succeeded" | "Failed" | "Stopped",
    ...(reason ? { reason } : {}),
  };
}

function finalOf(result: SpecResult): string {
  return "finalStatus" in result && result.finalStatus ? result.finalStatus : result.status;
}

// The reporter must never turn a done dispatch into a retry (and a second report).
async function report(deps: HandlerDeps, outcomes: RecordOutcomes): Promise<void> {
  try {
    await reportRecordOutcomes({
      reporter: deps.reporter,
      report: outcomes,
      following: deps.config.followLimitMs > 0,
    });
    await deps.onOutcomes(outcomes);
  } catch (error) {
    deps.log.error("reporting outcomes failed", {
      phase: outcomes.phase,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

function answer(
  status: "dispatched" | "following" | "followed" | "gave-up",
  record: JobRecord,
  results: SpecResult[],
): InvocationAnswer & { status: typeof status } {
  return {
    status,
    delivery: record.delivery,
    part: record.part,
    parts: record.parts,
    commit: record.after,
    results,
  };
}
