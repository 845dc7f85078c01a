/** Submits one build so that a failed or stopped build is rebuilt by the next trigger, still one build per attempt. */
import type { DlcJob } from "@imagebuild/schema";
import type { PaiClientLike } from "./pai-client-like.ts";
import type { DispatchItem, EarlierJob } from "./types.ts";

/** Attempts per content and slot; past it a trigger reports BUILD_ATTEMPTS_EXHAUSTED instead of building. */
export const MAX_BUILD_ATTEMPTS = 5;
/**
 * How far the service's clock may lag ours. A job is a replay only if it ended (or, still running, was
 * created) more than this before our call was sent; a fresh build can never look older than that.
 */
export const REPLAY_CLOCK_SKEW_MS = 1_000;
/** Code of the failure once every attempt ended Failed or Stopped. */
export const BUILD_ATTEMPTS_EXHAUSTED = "BUILD_ATTEMPTS_EXHAUSTED";
const UNSUCCESSFUL = new Set(["Failed", "Stopped"]);
const TERMINAL = new Set(["Succeeded", "Failed", "Stopped"]);

/** What `submitWithAttempts` got: the build of the attempt it stopped at. */
export interface AttemptOutcome {
  created: { ImageBuildId: string; ImageBuildJobId: string };
  attempt: number;
  clientToken: string;
  /** The job as read right after the call, when GetJob answered. */
  job?: DlcJob;
  /** The answer was this earlier build (nothing new started). */
  replay?: EarlierJob;
  /** The attempt before, which ended Failed or Stopped (or any way with `rebuild`). */
  rebuildOf?: EarlierJob;
}

/**
 * Every attempt ended Failed or Stopped; stable `code`, not retryable, names the last job.
 *
 * @example
 * if ((error as { code?: string }).code === BUILD_ATTEMPTS_EXHAUSTED) console.error(error.message);
 */
export class BuildAttemptsExhaustedError extends Error {
  override readonly name = "BuildAttemptsExhaustedError";
  readonly code = BUILD_ATTEMPTS_EXHAUSTED;
  readonly retryable = false;
  constructor(
    readonly file: string,
    readonly last: EarlierJob,
  ) {
    super(
      `${file}: job ${last.jobId} (attempt ${MAX_BUILD_ATTEMPTS} of ${MAX_BUILD_ATTEMPTS}) ended ${last.status}` +
        `${last.reason ? `: ${last.reason}` : ""}; no attempt is left: change the spec to build again`,
    );
  }
}

/**
 * Submits attempt 1's ClientToken, reads the job it answers, and moves to the next attempt only while the
 * answer is a replay (the job ended before this call was sent, by REPLAY_CLOCK_SKEW_MS) that ended Failed
 * or Stopped; with `rebuild`, also past a replay that Succeeded. A fresh build, a replay still running and
 * a replay that Succeeded stop the walk, so redeliveries, concurrent or not, land on the same token and
 * make one build per attempt. Every call goes through `create` (the caller's retries and rate limit) and
 * `take` (the rate limit, before each GetJob).
 *
 * @example
 * const outcome = await submitWithAttempts({ client, item, create: (token) => client.createImageBuild(item.request, { clientToken: token }) });
 * if (outcome.rebuildOf) console.log(`job ${outcome.rebuildOf.jobId} ${outcome.rebuildOf.status}: rebuilding as attempt ${outcome.attempt}`);
 */
export async function submitWithAttempts({
  client,
  item,
  create,
  take = async () => {},
  rebuild = false,
  now = Date.now,
  signal,
}: {
  client: PaiClientLike;
  item: DispatchItem;
  create: (clientToken: string) => Promise<{ ImageBuildId: string; ImageBuildJobId: string }>;
  take?: () => Promise<void>;
  /** Start a new attempt even after a success (`imagebuild build --rebuild`). */
  rebuild?: boolean;
  now?: () => number;
  signal?: AbortSignal | undefined;
}): Promise<AttemptOutcome> {
  let rebuildOf: EarlierJob | undefined;
  for (let attempt = 1; ; attempt += 1) {
    const clientToken = attempt === 1 ? item.clientToken : tokenFor(item, attempt);
    const sentAt = now();
    const created = await create(clientToken);
    const job = await readJob({ client, jobId: created.ImageBuildJobId, take, signal });
    const base = { created, attempt, clientToken, ...(rebuildOf ? { rebuildOf } : {}) };
    if (!job || !isReplay(job, sentAt)) return { ...base, ...(job ? { job } : {}) };
    const replay = earlierJob(job);
    const again = UNSUCCESSFUL.has(job.Status) || (rebuild && TERMINAL.has(job.Status));
    if (!again || !item.tokenForAttempt) return { ...base, job, replay };
    if (attempt >= MAX_BUILD_ATTEMPTS)
      throw new BuildAttemptsExhaustedError(item.spec.file, replay);
    rebuildOf = replay;
  }
}

function tokenFor(item: DispatchItem, attempt: number): string {
  return (item.tokenForAttempt as NonNullable<DispatchItem["tokenForAttempt"]>)(attempt);
}

// A job that cannot be read (an error, or Ctrl-C while reading it) is taken as fresh: the safe side,
// since that never starts a build, and the build just created is still reported.
async function readJob({
  client,
  jobId,
  take,
  signal,
}: {
  client: PaiClientLike;
  jobId: string;
  take: () => Promise<void>;
  signal: AbortSignal | undefined;
}): Promise<DlcJob | undefined> {
  if (!client.getJob) return undefined;
  try {
    await take();
    return await client.getJob(jobId, signal ? { signal } : undefined);
  } catch {
    return undefined;
  }
}

function isReplay(job: DlcJob, sentAt: number): boolean {
  const at = Date.parse(lastTime(job) ?? "");
  return Number.isFinite(at) && at < sentAt - REPLAY_CLOCK_SKEW_MS;
}

function lastTime(job: DlcJob): string | undefined {
  return TERMINAL.has(job.Status) ? (job.GmtFinishTime ?? job.GmtCreateTime) : job.GmtCreateTime;
}

function earlierJob(job: DlcJob): EarlierJob {
  const reason =
    job.Status === "Succeeded" || !TERMINAL.has(job.Status)
      ? undefined
      : (job.ReasonMessage ?? job.ReasonCode);
  return {
    jobId: job.JobId,
    status: job.Status,
    at: lastTime(job) as string,
    ...(reason !== undefined ? { reason } : {}),
  };
}
