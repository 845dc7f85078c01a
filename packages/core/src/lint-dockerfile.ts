/** The Dockerfile lints of one spec: parse errors, FROM pinning and literal credentials, placed in the spec or sidecar. */
import { checkFromPinning } from "./check-from-pinning.ts";
import { findCredentialsInDockerfile } from "./find-literal-credentials.ts";
import { parseDockerfileOnce } from "./parse-dockerfile-once.ts";
import { placeInDockerfile } from "./place-in-dockerfile.ts";
import type { DockerfileOrigin } from "./resolved-dockerfile.ts";
import type { Problem } from "./types.ts";

/**
 * Lints a Dockerfile the user wrote; a line and column inside it become a position in `origin`.
 *
 * @example
 * lintDockerfile("FROM busybox\n", { sidecar: "specs/a/Dockerfile" });
 * // [{ ruleId: "dockerfile-pinned-from", file: "specs/a/Dockerfile", line: 1, … }]
 */
export function lintDockerfile(dockerfile: string, origin: DockerfileOrigin): Problem[] {
  const parsed = parseDockerfileOnce(dockerfile);
  const place = (line: number, column: number) => placeInDockerfile(origin, line, column);
  const problems: Problem[] = [];
  for (const issue of parsed.issues) {
    problems.push({
      ruleId: "dockerfile-parse",
      severity: "error",
      ...place(issue.line, issue.column),
      message: issue.message,
    });
  }
  for (const issue of checkFromPinning(parsed.instructions)) {
    problems.push({
      ruleId: issue.ruleId,
      severity: issue.severity,
      ...place(issue.line, issue.column),
      message: issue.message,
    });
  }
  for (const finding of findCredentialsInDockerfile(parsed.instructions)) {
    problems.push({
      ruleId: "no-literal-credentials",
      severity: "error",
      ...place(finding.line ?? 1, finding.column ?? 1),
      message: `${finding.what}: pass credentials as build secrets or RegistryAuths references, never in the Dockerfile`,
    });
  }
  return problems;
}
