/** Accepts a build id (`build-…`, what `images` shows as SourceId) wherever a job id (`dlc-…`) is wanted. */
import type { PaiClient } from "@imagebuild/pai-client";
import { z } from "zod";
import { UsageError } from "./command.ts";

const BUILD_PREFIX = "build-";
const JOB_PREFIX = "dlc-";

const ID = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.*-]{0,127}$/,
    "must be a job id like dlc-abc123 or a build id like build-abc123",
  );

/** A build id whose job could not be found. */
export class BuildNotFoundError extends Error {
  override readonly name = "BuildNotFoundError";
  readonly code = "BuildNotFound";
  readonly buildId: string;
  constructor(buildId: string, options?: ErrorOptions) {
    super(
      `${buildId}: no job found for this build (looked for ${jobIdOfBuild(buildId)}); give the job id (dlc-…) that build and builds print`,
      options,
    );
    this.buildId = buildId;
  }
}

/**
 * The job id a build id pairs with: PAI's ImageBuildId and ImageBuildJobId share their suffix (the
 * local service makes them so; see docs/decisions/cli-build-and-job-ids.md).
 *
 * @example
 * jobIdOfBuild("build-k2p0c7x9ab1qz3") // "dlc-k2p0c7x9ab1qz3"
 */
export function jobIdOfBuild(buildId: string): string {
  return `${JOB_PREFIX}${buildId.slice(BUILD_PREFIX.length)}`;
}

/**
 * The build id a job id pairs with, or undefined for a job id of another shape.
 *
 * @example
 * buildIdOfJob("dlc-k2p0c7x9ab1qz3") // "build-k2p0c7x9ab1qz3"
 */
export function buildIdOfJob(jobId: string): string | undefined {
  return jobId.startsWith(JOB_PREFIX)
    ? `${BUILD_PREFIX}${jobId.slice(JOB_PREFIX.length)}`
    : undefined;
}

/**
 * Checks a `JOB|BUILD` argument: a usage error names `label` when it is malformed.
 *
 * @example
 * parseJobOrBuildId("build-abc", "JOB|BUILD") // "build-abc"
 */
export function parseJobOrBuildId(value: string | undefined, label: string): string {
  const parsed = ID.safeParse(value);
  if (!parsed.success) throw new UsageError(`${label}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/**
 * The one `JOB|BUILD` argument of `status`, `logs` and `stop`: a usage error when there is not exactly
 * one, or it is malformed.
 *
 * @example
 * onlyJobOrBuildId(["build-abc"]) // "build-abc"
 */
export function onlyJobOrBuildId(positionals: readonly string[]): string {
  if (positionals.length !== 1) throw new UsageError("give exactly one JOB|BUILD id");
  return parseJobOrBuildId(positionals[0], "JOB|BUILD");
}

/**
 * The job id for a job id or a build id. A build id is paired by suffix and confirmed with GetJob,
 * so an unknown build is a `BuildNotFound` error naming it rather than a NotFound about a job.
 *
 * @example
 * await resolveJobId(client, "build-k2p0c7x9ab1qz3") // "dlc-k2p0c7x9ab1qz3"
 */
export async function resolveJobId(client: PaiClient, id: string): Promise<string> {
  if (!id.startsWith(BUILD_PREFIX)) return id;
  const jobId = jobIdOfBuild(id);
  try {
    await client.getJob(jobId);
  } catch (error) {
    if ((error as { code?: unknown }).code === "NotFound") {
      throw new BuildNotFoundError(id, { cause: error });
    }
    throw error;
  }
  return jobId;
}
