/** One spec result as a short line for the dev pipeline's output. */
import type { SpecResult } from "@imagebuild/schema";

/**
 * `file: status (detail)`: the job for a submission, the problems for an invalid spec, the error
 * for a failure, the reason otherwise.
 *
 * @example
 * describeResult({ file: "specs/a/1.0.yaml", status: "skipped", reason: "exists" }) // "specs/a/1.0.yaml: skipped (exists)"
 */
export function describeResult(result: SpecResult): string {
  const detail =
    result.status === "submitted"
      ? `job ${result.jobId}`
      : result.status === "invalid"
        ? result.problems.join("; ")
        : result.status === "failed"
          ? `${result.error.code}: ${result.error.message}`
          : result.reason;
  return `${result.file}: ${result.status}${detail ? ` (${detail})` : ""}`;
}
