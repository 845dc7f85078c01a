/** Which Dockerfile files `imagebuild pin` may not edit: they belong to a version that was built and is immutable. */
import type { ResolvedSpec, SpecSource } from "@imagebuild/core";

/** Why the lines of one file are left as they are. */
export interface PinRefusal {
  file: string;
  /** The built, immutable versions whose Dockerfile the file is. */
  built: string[];
  /** Every spec whose Dockerfile is in the file. */
  sharers: string[];
  reason: string;
}

/**
 * For each file holding lines to pin, the specs whose Dockerfile lives there (from `everySpec`, every
 * spec of the repository) and, of those, the versions that exist at `baseSource` with `policy.tag:
 * immutable`: built, so their Dockerfile may not change (the `immutable-version` lint). A file with
 * any such sharer is refused, naming them. `force` refuses nothing.
 *
 * @example
 * await refuseBuiltVersions({ files: ["specs/a/Dockerfile"], everySpec, baseSource, force: false });
 * // Map { "specs/a/Dockerfile" => { built: ["specs/a/1.0.0.yaml"], reason: "…" } }
 */
export async function refuseBuiltVersions({
  files,
  everySpec,
  baseSource,
  force,
}: {
  files: string[];
  everySpec: ResolvedSpec[];
  baseSource: SpecSource | undefined;
  force: boolean;
}): Promise<Map<string, PinRefusal>> {
  const refusals = new Map<string, PinRefusal>();
  if (force || baseSource === undefined) return refusals;
  for (const file of new Set(files)) {
    const sharing = new Map<string, ResolvedSpec>();
    for (const spec of everySpec) {
      if (spec.bases.some((base) => base.file === file)) sharing.set(spec.file, spec);
    }
    const built: ResolvedSpec[] = [];
    for (const spec of sharing.values()) {
      if (spec.policy.tag !== "immutable") continue;
      if ((await baseSource.readFile(spec.file)) !== undefined) built.push(spec);
    }
    if (built.length === 0) continue;
    const sharers = [...sharing.keys()].sort();
    refusals.set(file, {
      file,
      built: built.map((spec) => spec.file).sort(),
      sharers,
      reason: refusalReason({ file, built, sharers, base: baseSource.description }),
    });
  }
  return refusals;
}

function refusalReason({
  file,
  built,
  sharers,
  base,
}: {
  file: string;
  built: ResolvedSpec[];
  sharers: string[];
  base: string;
}): string {
  const names = built.map((spec) => spec.file).join(", ");
  const first = built[0] as ResolvedSpec;
  const next = `imagebuild new ${first.imageName} <VERSION> --from ${first.file}`;
  const shared = sharers.length > 1 ? `${file} is the Dockerfile of ${sharers.join(", ")}; ` : "";
  const verb = built.length > 1 ? "were built (they are in" : "was built (it is in";
  return `${shared}${names} ${verb} ${base}) and ${built.length > 1 ? "are" : "is"} immutable, so pinning would change a built version: make a new version (${next}) and pin that, or pass --force`;
}
