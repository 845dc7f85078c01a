/** Which builds may start now: a dependent only after every spec it builds on (in the same run) succeeded. */
import type { DispatchItem } from "./types.ts";

/**
 * What is known of one build of the run: `running` (submitted, not finished), `succeeded`, `skipped` (its
 * image already exists, so dependents may use it) or `failed` with the reason (failed to submit, a build
 * that did not succeed, or blocked itself).
 *
 * @example
 * const outcome: BuildOutcome = { failed: "job ended Failed: RUN step exited with 1" };
 */
export type BuildOutcome = "running" | "succeeded" | "skipped" | { failed: string };

/**
 * The files of `items` that a given item builds on (its linked spec references), within the run.
 *
 * @example
 * dependenciesInRun(items[1], items) // ["specs/debian-tools/1.0.0.yaml"]
 */
export function dependenciesInRun(item: DispatchItem, items: readonly DispatchItem[]): string[] {
  const files = new Set(items.map((i) => i.spec.file));
  const bases = (item.spec.bases ?? [])
    .map((base) => base.spec?.file)
    .filter(
      (file): file is string => file !== undefined && file !== item.spec.file && files.has(file),
    );
  return [...new Set(bases)];
}

/**
 * Given every item of a run and the outcomes known so far, the items to submit now (not started, every
 * base succeeded or skipped), the ones `blocked` (a base failed or was blocked; the reason names it) and
 * how many are still waiting for a base. Pure, so a stateless caller (the function's follow step, after a
 * job ends) can call it with outcomes read back from PAI and start exactly the dependents that became ready.
 *
 * @example
 * const { ready, blocked } = nextBuilds({ items, outcomes: { "specs/debian-tools/1.0.0.yaml": "succeeded" } });
 * await dispatch({ client, items: ready });
 */
export function nextBuilds({
  items,
  outcomes,
}: {
  items: readonly DispatchItem[];
  outcomes: Readonly<Record<string, BuildOutcome>>;
}): { ready: DispatchItem[]; blocked: { file: string; reason: string }[]; waiting: number } {
  const known = new Map(Object.entries(outcomes));
  const blocked: { file: string; reason: string }[] = [];
  // Blocking is transitive: repeat until no more items become blocked (the graph is acyclic: loadSpecs).
  for (let changed = true; changed; ) {
    changed = false;
    for (const item of items) {
      const file = item.spec.file;
      if (known.has(file)) continue;
      for (const base of dependenciesInRun(item, items)) {
        const outcome = known.get(base);
        if (outcome === undefined || typeof outcome === "string") continue;
        const reason = `not built: ${base} did not succeed (${outcome.failed})`;
        known.set(file, { failed: reason });
        blocked.push({ file, reason });
        changed = true;
        break;
      }
    }
  }
  const ready: DispatchItem[] = [];
  let waiting = 0;
  for (const item of items) {
    if (known.has(item.spec.file)) continue;
    const bases = dependenciesInRun(item, items).map((base) => known.get(base));
    if (bases.every((o) => o === "succeeded" || o === "skipped")) ready.push(item);
    else waiting += 1;
  }
  return { ready, blocked, waiting };
}
