/** `policy.rebuild: with-base`: which specs are rebuilt because a spec they are built on is built. */
import type { ResolvedSpec } from "./types.ts";

/**
 * The specs of `specs` (linked by `loadSpecs`) with `policy.rebuild: with-base` that build, directly or
 * through others, on one of `built`, mapped to the base that causes it; `built` itself is not listed.
 * A dependent is reached through a chain only while every link in it asks for `with-base`.
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
      if (spec.policy.rebuild !== "with-base" || building.has(spec.file)) continue;
      const base = (spec.bases ?? []).find((b) => b.spec && building.has(b.spec.file));
      if (!base?.spec) continue;
      building.add(spec.file);
      because.set(spec.file, base.spec.file);
      changed = true;
    }
  }
  return because;
}
