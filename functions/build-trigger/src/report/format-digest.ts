/** The chat digest of one trigger: a title naming what triggered it, a count line, one line per spec. */
import type { SpecResult } from "@imagebuild/schema";
import type { Digest } from "./chat/chat-channel.ts";
import type { FinishedBuild } from "./commit-status.ts";
import { statusContext } from "./commit-status.ts";
import type { ReportTrigger } from "./report-trigger.ts";

// Under every service's message limit (DingTalk ~20 000 bytes, Lark 20 KB, Slack 40 000 characters).
const DIGEST_MAX_LINES = 40;
const LINE_MAX_CHARS = 300;

/**
 * The digest for `trigger`: `results` at submission (with `finished` when the jobs were followed).
 *
 * @example
 * formatDigest({ trigger, results }).title // "imagebuild: acme/images@main 0123456789ab (github push)"
 */
export function formatDigest({
  trigger,
  results,
  finished = [],
}: {
  trigger: ReportTrigger;
  results: readonly SpecResult[];
  finished?: readonly FinishedBuild[];
}): Digest {
  const ended = new Map(finished.map((build) => [build.file, build]));
  const counts = new Map<string, number>();
  const lines: string[] = [];
  for (const result of results) {
    const line = describe(result, ended.get(result.file));
    counts.set(line.kind, (counts.get(line.kind) ?? 0) + 1);
    lines.push(clip(`${line.mark} ${statusContext(result.file)} ${line.text}`));
  }
  for (const build of finished) {
    if (results.some((result) => result.file === build.file)) continue;
    const line = describeFinished(build);
    counts.set(line.kind, (counts.get(line.kind) ?? 0) + 1);
    lines.push(clip(`${line.mark} ${statusContext(build.file)} ${line.text}`));
  }
  const summary = [...counts].map(([kind, count]) => `${count} ${kind}`).join(", ");
  const shown = lines.slice(0, DIGEST_MAX_LINES);
  if (lines.length > shown.length) shown.push(`… and ${lines.length - shown.length} more`);
  return {
    title: `imagebuild: ${titleOf(trigger)}`,
    lines: [summary || "nothing to build", ...shown],
  };
}

function titleOf(trigger: ReportTrigger): string {
  if (trigger.kind === "push")
    return `${trigger.repository}@${trigger.branch} ${trigger.commit.slice(0, 12)} (${trigger.provider} push)`;
  return `${trigger.kind} ${trigger.label}`;
}

type Line = { kind: string; mark: string; text: string };

function describe(result: SpecResult, finished: FinishedBuild | undefined): Line {
  switch (result.status) {
    case "submitted":
      return finished
        ? describeFinished(finished)
        : { kind: "submitted", mark: "…", text: `submitted: job ${result.jobId}` };
    case "invalid":
      return { kind: "invalid", mark: "✗", text: `invalid: ${result.problems.join("; ")}` };
    case "failed":
      return {
        kind: "failed",
        mark: "✗",
        text: `not submitted: ${result.error.code}: ${result.error.message}`,
      };
    case "error":
      return { kind: "error", mark: "✗", text: `not read: ${result.reason}` };
    default:
      return { kind: result.status, mark: "·", text: `${result.status}: ${result.reason}` };
  }
}

function describeFinished(build: FinishedBuild): Line {
  const why = build.reason ? `: ${build.reason}` : "";
  if (build.finalStatus === "Succeeded")
    return { kind: "built", mark: "✓", text: `built: job ${build.jobId}` };
  return {
    kind: build.finalStatus === "Failed" ? "failed" : build.finalStatus.toLowerCase(),
    mark: "✗",
    text: `job ${build.jobId} ${build.finalStatus}${why}`,
  };
}

function clip(line: string): string {
  return line.length > LINE_MAX_CHARS ? `${line.slice(0, LINE_MAX_CHARS - 1)}…` : line;
}
