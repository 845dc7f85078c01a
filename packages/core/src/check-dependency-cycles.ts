/** The `dependency-cycle` lint: specs that build on each other (directly or through others) cannot be built. */
import { findCycles } from "./spec-graph.ts";
import type { Problem, ResolvedSpec } from "./types.ts";

/**
 * One problem per spec in a cycle (of `reportFor`, when given), at its FROM (or COPY --from) that leads into the cycle; the message
 * names every file of the cycle in order.
 *
 * @example
 * checkDependencyCycles(specs)
 * // [{ ruleId: "dependency-cycle", file: "specs/a/1.0.0.yaml", message: "dependency cycle: specs/a/1.0.0.yaml → specs/b/1.0.0.yaml → specs/a/1.0.0.yaml: …" }, …]
 */
export function checkDependencyCycles(
  specs: readonly ResolvedSpec[],
  reportFor?: ReadonlySet<string>,
): Problem[] {
  const problems: Problem[] = [];
  // Most repositories have no spec references at all: nothing to search.
  if (!specs.some((spec) => spec.bases?.some((base) => base.spec))) return problems;
  const bases = new Map(
    specs.map((spec) => [
      spec.file,
      (spec.bases ?? []).flatMap((b) => (b.spec ? [b.spec.file] : [])),
    ]),
  );
  const cycles = findCycles([...bases.keys()], (file) => bases.get(file) ?? []);
  for (const cycle of cycles) {
    const members = new Set(cycle);
    const message = `dependency cycle: ${[...cycle, cycle[0]].join(" → ")}: a spec cannot be built on itself; make one of them build on an image outside the cycle`;
    for (const file of cycle) {
      if (reportFor && !reportFor.has(file)) continue;
      const spec = specs.find((s) => s.file === file);
      const base = spec?.bases.find((b) => b.spec && members.has(b.spec.file));
      problems.push({
        ruleId: "dependency-cycle",
        severity: "error",
        file: base?.file ?? file,
        line: base?.line ?? 1,
        column: base?.column ?? 1,
        message,
      });
    }
  }
  return problems;
}
