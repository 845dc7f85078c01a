/** The error thrown when specs are invalid: every problem as a `file:line:col: ruleId: message` line. */
import type { Problem } from "./types.ts";

/**
 * Thrown by callers that need valid specs (e.g. `render`, `build`) when `loadSpecs` reported errors.
 *
 * @example
 * const { specs, problems } = await loadSpecs({ source });
 * if (problems.some((p) => p.severity === "error")) throw new SpecError({ problems });
 */
export class SpecError extends Error {
  override readonly name = "SpecError";
  readonly code = "SPEC_INVALID";
  readonly problems: Problem[];

  constructor({ problems, cause }: { problems: Problem[]; cause?: unknown }) {
    super(problems.map(formatProblem).join("\n"), { cause });
    this.problems = problems;
  }
}

/**
 * Formats a problem as `file:line:col: ruleId: message` (warnings say so).
 *
 * @example
 * formatProblem(p) // "specs/a/1.0.yaml:3:9: path-name-tag: Image.Name \"b\" does not match the folder \"a\""
 */
export function formatProblem(problem: Problem): string {
  const level = problem.severity === "warning" ? "warning: " : "";
  return `${problem.file}:${problem.line}:${problem.column}: ${level}${problem.ruleId}: ${problem.message}`;
}
