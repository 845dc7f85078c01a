/** The plan's dependency step: `with-base` rebuilds, build order, and the graph of what the merge builds. */
import { dependentsToRebuild } from "./rebuild-with-base.ts";
import { buildOrder, type SpecGraph, specGraph } from "./spec-graph.ts";
import type { PlanEntry, ResolvedSpec } from "./types.ts";

const BUILDS = new Set<PlanEntry["action"]>(["create", "rebuild"]);

/**
 * Marks `unchanged` specs with `policy.rebuild: with-base` (or `on-base-change`) as `rebuild` when a base is built (an immutable
 * one stays unchanged and says why), orders the entries bases first, and returns the graph of the built specs.
 *
 * @example
 * const { ordered, graph } = rebuildWithBase({ entries, specs: headLoad.specs });
 */
export function rebuildWithBase({
  entries,
  specs,
}: {
  entries: PlanEntry[];
  specs: readonly ResolvedSpec[];
}): { ordered: PlanEntry[]; graph: SpecGraph } {
  const built = entries.filter((e) => BUILDS.has(e.action)).map((e) => e.file);
  for (const [file, base] of dependentsToRebuild({ specs, built })) {
    const entry = entries.find((e) => e.file === file);
    const spec = specs.find((s) => s.file === file);
    if (!entry || !spec || entry.action !== "unchanged") continue;
    if (spec.policy.tag === "immutable") {
      entry.reason = `${base} is built and policy.rebuild is ${spec.policy.rebuild}, but the version is immutable`;
      continue;
    }
    entry.action = "rebuild";
    entry.reason = `${base} is built; policy.rebuild is ${spec.policy.rebuild}`;
  }
  const basesOf = (file: string) =>
    (specs.find((s) => s.file === file)?.bases ?? []).flatMap((b) => (b.spec ? [b.spec.file] : []));
  const order = buildOrder(
    entries.filter((e) => e.action !== "removed").map((e) => e.file),
    basesOf,
  );
  const rank = new Map(order.map((file, index) => [file, index]));
  const ordered = [...entries].sort(
    (a, b) =>
      (rank.get(a.file) ?? Number.MAX_SAFE_INTEGER) -
        (rank.get(b.file) ?? Number.MAX_SAFE_INTEGER) || a.file.localeCompare(b.file),
  );
  const building = new Set(entries.filter((e) => BUILDS.has(e.action)).map((e) => e.file));
  return { ordered, graph: specGraph(specs.filter((s) => building.has(s.file))) };
}
