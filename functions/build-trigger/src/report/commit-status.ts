/** One commit status per spec: its context, and the state and description for each outcome. */
import type { SpecResult } from "@imagebuild/schema";
import { fillStatusTargetUrl } from "./status-target-url.ts";

/** The states GitHub and Codeup take (GitLab's are mapped by its provider module). */
export type CommitState = "pending" | "success" | "failure" | "error";

/** A status to post on the pushed commit for one spec. */
export interface CommitStatus {
  file: string;
  /** `imagebuild/<image>:<tag>`. */
  context: string;
  state: CommitState;
  description: string;
  targetUrl: string | undefined;
  /** The job the status is about, when there is one. */
  jobId: string | undefined;
}

/** A build the follow step saw end (or gave up following). */
export interface FinishedBuild {
  file: string;
  jobId: string;
  /** `Unknown` when following gave up before the job ended. */
  finalStatus: "Succeeded" | "Failed" | "Stopped" | "Unknown";
  reason?: string | undefined;
}

// GitHub shows about 140 characters of a description; GitLab keeps 255.
const DESCRIPTION_MAX_CHARS = 140;

/**
 * The status context of a spec file: `specs/<image>/<version>.yaml` → `imagebuild/<image>:<version>`
 * (the path-name-tag lint keeps the path, the image name and the tag in agreement).
 *
 * @example
 * statusContext("specs/busybox-hello/1.0.0.yaml") // "imagebuild/busybox-hello:1.0.0"
 */
export function statusContext(file: string): string {
  const parts = file.split("/");
  const image = parts[parts.length - 2] ?? "spec";
  const tag = (parts[parts.length - 1] ?? file).replace(/\.ya?ml$/, "");
  return `imagebuild/${image}:${tag}`;
}

/**
 * The status for a submission-time outcome, or undefined when there is nothing to mark (a removed
 * file): `pending` for a submission, `failure` naming `file:line` for an invalid spec, `error` for a
 * failed submission or an unreadable source, `success` for a skip (already built).
 *
 * @example
 * submittedStatus({ outcome, targetUrl: "https://ci.example.com/{jobId}" })?.state // "pending"
 */
export function submittedStatus({
  outcome,
  targetUrl,
}: {
  outcome: SpecResult;
  targetUrl: string | undefined;
}): CommitStatus | undefined {
  const base = { file: outcome.file, context: statusContext(outcome.file) };
  switch (outcome.status) {
    case "submitted":
      return status(base, "pending", `building: job ${outcome.jobId}`, targetUrl, outcome.jobId);
    case "invalid":
      return status(base, "failure", `invalid: ${outcome.problems[0] ?? outcome.file}`, targetUrl);
    case "failed":
      return status(
        base,
        "error",
        `not submitted: ${outcome.error.code}: ${outcome.error.message}`,
        targetUrl,
      );
    case "error":
      return status(base, "error", `not read: ${outcome.reason}`, targetUrl);
    case "skipped":
      return status(base, "success", `not built: ${outcome.reason}`, targetUrl);
    case "blocked":
      return status(base, "failure", `not built: ${outcome.reason}`, targetUrl);
    case "waiting":
      return status(base, "pending", `waiting for ${outcome.bases.join(", ")}`, targetUrl);
    case "removed":
    case "ignored":
      return undefined;
  }
}

/**
 * The terminal status of a followed build: `success`, `failure` with the reason, or `error` for a
 * stopped job or one that could not be followed to its end.
 *
 * @example
 * finishedStatus({ build: { file, jobId: "dlc-1", finalStatus: "Failed", reason: "RUN exited 1" }, targetUrl }).state // "failure"
 */
export function finishedStatus({
  build,
  targetUrl,
}: {
  build: FinishedBuild;
  targetUrl: string | undefined;
}): CommitStatus {
  const base = { file: build.file, context: statusContext(build.file) };
  const why = build.reason ? `: ${build.reason}` : "";
  switch (build.finalStatus) {
    case "Succeeded":
      return status(base, "success", `built: job ${build.jobId}`, targetUrl, build.jobId);
    case "Failed":
      return status(base, "failure", `job ${build.jobId} failed${why}`, targetUrl, build.jobId);
    case "Stopped":
      return status(base, "error", `job ${build.jobId} stopped${why}`, targetUrl, build.jobId);
    case "Unknown":
      return status(
        base,
        "error",
        `job ${build.jobId}: outcome unknown${why}`,
        targetUrl,
        build.jobId,
      );
  }
}

function status(
  base: { file: string; context: string },
  state: CommitState,
  description: string,
  targetUrl: string | undefined,
  jobId?: string,
): CommitStatus {
  return {
    ...base,
    state,
    description:
      description.length > DESCRIPTION_MAX_CHARS
        ? `${description.slice(0, DESCRIPTION_MAX_CHARS - 1)}…`
        : description,
    targetUrl:
      targetUrl === undefined
        ? undefined
        : fillStatusTargetUrl(targetUrl, { jobId, file: base.file }),
    jobId,
  };
}
