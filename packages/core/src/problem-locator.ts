/** Builds the `problemAt` helper: a problem placed at the layer (file, line, column) that set a field. */
import { valueAtPath } from "./merge-layers.ts";
import { locate, type ParsedYaml } from "./parsed-yaml.ts";
import type { SpecLayer } from "./layer-spec.ts";
import type { RuleId } from "./rules/index.ts";
import type { Problem } from "./types.ts";

/** Makes a problem at a spec path; the message gets ` (for <file>)` when a defaults file set the field. */
export type ProblemAt = (
  ruleId: RuleId,
  path: string[],
  message: string,
  severity?: Problem["severity"],
) => Problem;

/**
 * Returns a `ProblemAt` for `file`, which looks a path up in the last layer that sets it (or its nearest
 * parent), falling back to line 1 of `self`.
 *
 * @example
 * const problemAt = problemLocator({ file, layers, self: self.parsed });
 * problemAt("policy-schedule", ["policy", "schedule"], "policy.schedule: bad cron");
 */
export function problemLocator({
  file,
  layers,
  self,
}: {
  file: string;
  layers: SpecLayer[];
  self: ParsedYaml;
}): ProblemAt {
  return (ruleId, path, message, severity = "error") => {
    const where = originOf(layers, path, self);
    const note = where.file === file ? "" : ` (for ${file})`;
    return {
      ruleId,
      severity,
      file: where.file,
      line: where.line,
      column: where.column,
      message: message + note,
    };
  };
}

function originOf(
  layers: SpecLayer[],
  path: string[],
  fallback: ParsedYaml,
): { file: string; line: number; column: number } {
  for (let length = path.length; length > 0; length -= 1) {
    const prefix = path.slice(0, length);
    for (let index = layers.length - 1; index >= 0; index -= 1) {
      const layer = layers[index] as SpecLayer;
      const full = [...layer.prefix, ...prefix];
      if (valueAtPath(layer.parsed.value, full) === undefined) continue;
      const { line, column } = locate(layer.parsed, full, {
        at: length === path.length ? "value" : "key",
      });
      return { file: layer.parsed.file, line, column };
    }
  }
  return { file: fallback.file, line: 1, column: 1 };
}
