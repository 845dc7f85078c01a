/** Which spec files an environment leaves out: core skips, without a problem, specs that do not define `--env`. */
import type { Problem, ResolvedSpec } from "@imagebuild/core";

/**
 * The files among `candidates` that neither loaded nor reported a problem: with an environment,
 * those are the specs with no overlay for it (an image opts in to an environment by defining it in
 * its file or a `_defaults.yaml` above it; the GPU training image has no `local` overlay).
 *
 * @example
 * filesNotInEnv({ env: "local", candidates, specs, problems }); // ["specs/pytorch-train/2.4.0.yaml"]
 */
export function filesNotInEnv({
  env,
  candidates,
  specs,
  problems,
}: {
  env: string | undefined;
  candidates: string[];
  specs: ResolvedSpec[];
  problems: Problem[];
}): string[] {
  // A mistyped --env is reported by core (defined nowhere); listing every file as well is noise.
  if (env === undefined || problems.some((p) => p.ruleId === "unknown-environment")) return [];
  const accounted = new Set([...specs.map((s) => s.file), ...problems.map((p) => p.file)]);
  return candidates.filter((file) => !accounted.has(file));
}
