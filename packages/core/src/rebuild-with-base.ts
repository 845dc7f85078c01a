/** `policy.rebuild: with-base`: which specs are rebuilt because a spec they are built on is built. */
import type { ResolvedSpec } from "./types.ts";

/**
 * True when the policy rebuilds a spec after an in-repo base is built: `with-base`, and `on-base-change`,
 * for which a rebuilt in-repo base is a base change like any other (docs/decisions/core-base-change-rebuilds.md).
 *
 * @example
 * rebuildsWithBase({ tag: "dated", rebuild: "on-base-change" }); // true
 */
export function rebuildsWithBase(policy: ResolvedSpec["policy"]): boolean {
  return policy.rebuild === "with-base" || policy.rebuild === "on-base-change";
}

/**
 * The specs of `specs` (linked by `loadSpecs`) with `policy.rebuild: with-base` (or `on-base-change`) that
 * build, directly or through others, on one of `built`, mapped to the base that causes it; `built` itself
 * is not listed. A dependent is reached through a chain only while every link in it asks for it.
 *
 * @example
 * dependentsToRebuild({ specs, built: ["specs/debian-tools/1.0.0.yaml"] })
 * // Map { "specs/debian-jq/1.0.0.yaml" => "specs/debian-tools/1.0.0.yaml" }
 */
export function dependentsToRebuild({
  specs,
  built,
}: {
  specs: readonly ResolvedSpec[];
  built: Iterable<string>;
}): Map<string, string> {
  const building = new Set(built);
  const because = new Map<string, string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const spec of specs) {
      if (!rebuildsWithBase(spec.policy) || building.has(spec.file)) continue;
      const base = (spec.bases ?? []).find((b) => b.spec && building.has(b.spec.file));
      if (!base?.spec) continue;
      building.add(spec.file);
      because.set(spec.file, base.spec.file);
      changed = true;
    }
  }
  return because;
}
