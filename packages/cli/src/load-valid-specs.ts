/** Loads the specs a command acts on and refuses to go on when any of them has an error. */
import {
  directorySource,
  loadSpecs,
  type Problem,
  type ResolvedSpec,
  SpecError,
} from "@imagebuild/core";
import { specPaths, specsLocation } from "./specs-location.ts";

/** The loaded specs, and the requested files the environment leaves out (no overlay for it). */
export interface ValidSpecs {
  specs: ResolvedSpec[];
  /** Requested files that loaded without error but are not built in this environment. */
  notInEnv: string[];
  warnings: Problem[];
}

/**
 * Resolves spec arguments, loads them with the environment overlay, and throws `SpecError` (exit 1)
 * listing every error when one is found.
 *
 * @example
 * const { specs } = await loadValidSpecs({ args: ["specs/tools/1.0.0.yaml"], dir: "specs", env: "local", cwd });
 */
export async function loadValidSpecs({
  args,
  dir,
  env,
  cwd,
}: {
  args: string[];
  dir: string;
  env: string | undefined;
  cwd: string;
}): Promise<ValidSpecs> {
  const location = specsLocation({ dir, cwd });
  const paths = await specPaths({ args, cwd, location });
  const { specs, problems } = await loadSpecs({
    source: directorySource(location.rootDir),
    specsDir: location.specsDir,
    paths,
    ...(env ? { env } : {}),
  });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new SpecError({ problems: errors });
  const loaded = new Set(specs.map((s) => s.file));
  return {
    specs,
    notInEnv: paths.filter((p) => !loaded.has(p)),
    warnings: problems.filter((p) => p.severity === "warning"),
  };
}
