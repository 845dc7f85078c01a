/** Prints a plan as a terminal table, a Markdown PR summary or JSON. */
import { formatGraph } from "./format-graph.ts";
import { formatProblem } from "./spec-error.ts";
import type { PlanAction, PlanResult } from "./types.ts";

/** The output formats of `formatPlan`. */
export type PlanFormat = "table" | "markdown" | "json";

const ACTION_ORDER: PlanAction[] = ["create", "rebuild", "skip", "unchanged", "removed"];

/**
 * Formats a plan: `table` for a terminal, `markdown` for a pull-request summary, `json` for scripts
 * (the PlanResult as is).
 *
 * @example
 * console.log(formatPlan(await plan({ repoDir: "." }), "markdown"));
 */
export function formatPlan(result: PlanResult, format: PlanFormat): string {
  if (format === "json") return `${JSON.stringify(result, null, 2)}\n`;
  return format === "markdown" ? markdown(result) : table(result);
}

function summary(result: PlanResult): string {
  const counts = ACTION_ORDER.map((action) => {
    const n = result.entries.filter((entry) => entry.action === action).length;
    return `${n} ${action}`;
  });
  const errors = result.problems.filter((p) => p.severity === "error").length;
  const problems = errors > 0 ? `, ${errors} error${errors === 1 ? "" : "s"}` : "";
  return `${counts.join(", ")}${problems} (base ${result.base.slice(0, 12)}, head ${result.head})`;
}

function table(result: PlanResult): string {
  const rows = [
    ["ACTION", "SPEC", "IMAGE URI", "REASON"],
    ...result.entries.map((e) => [e.action, e.file, e.imageUri ?? "-", e.reason]),
  ];
  const widths = [0, 1, 2].map((column) =>
    Math.max(...rows.map((row) => (row[column] ?? "").length)),
  );
  const lines = rows.map((row) =>
    row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join("  "),
  );
  const problems = result.problems.map(formatProblem);
  return [
    `Plan: ${summary(result)}`,
    "",
    ...lines,
    ...(problems.length ? ["", ...problems] : []),
    "",
  ].join("\n");
}

function markdown(result: PlanResult): string {
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  const changes = result.entries.filter((e) => e.action !== "unchanged");
  const lines = ["## imagebuild plan", "", summary(result), ""];
  if (changes.length === 0) lines.push("No image will be built or removed.", "");
  else {
    lines.push("| action | spec | image | reason |", "| --- | --- | --- | --- |");
    for (const e of changes) {
      lines.push(
        `| **${e.action}** | \`${cell(e.file)}\` | \`${cell(e.imageUri ?? "-")}\` | ${cell(e.reason)} |`,
      );
    }
    lines.push("");
  }
  const unchanged = result.entries.length - changes.length;
  if (unchanged > 0) lines.push(`${unchanged} spec${unchanged === 1 ? "" : "s"} unchanged.`, "");
  if (result.graph && result.graph.nodes.length > 0) {
    // GitHub and GitLab render a mermaid block as a diagram; elsewhere it stays readable text.
    lines.push(
      "### Build graph",
      "",
      "Bases first; dotted arrows come from images outside the repository.",
      "",
    );
    lines.push("```mermaid", formatGraph(result.graph, "mermaid").trimEnd(), "```", "");
  }
  if (result.problems.length > 0) {
    lines.push("### Problems", "", "```", ...result.problems.map(formatProblem), "```", "");
  }
  return lines.join("\n");
}
