/** Prints a plan as a terminal table, a Markdown PR summary or JSON. */
import type { PlanResult } from "./types.ts";

/** The output formats of `formatPlan`. */
export type PlanFormat = "table" | "markdown" | "json";

/**
 * Formats a plan.
 *
 * @example
 * console.log(formatPlan(await plan({ repoDir: "." }), "markdown"));
 */
export function formatPlan(_result: PlanResult, _format: PlanFormat): string {
  throw new Error("not implemented");
}
