/** Loads the specs a command acts on and refuses to go on when any of them has an error. */
import {
  directorySource,
  loadSpecs,
  type Problem,
  type ResolvedSpec,
  type SecretHosts,
  SpecError,
} from "@imagebuild/core";
import { checkEnvironment } from "./check-environment.ts";
import { sourceForEnvironment } from "./local-registry.ts";
import { filesNotInEnv } from "./split-by-environment.ts";
import { specPaths, specsLocation } from "./specs-location.ts";

/** The loaded specs, and the requested files the environment leaves out (no overlay for it). */
export interface ValidSpecs {
  specs: ResolvedSpec[];
  /** Requested files that have no overlay for the environment, so are not built in it. */
  notInEnv: string[];
  warnings: Problem[];
}

/**
 * Resolves spec arguments, loads them with the environment overlay, and throws `SpecError` (exit 1)
 * listing every error when one is found.
 *
 * @example
 * const { specs } = await loadValidSpecs({ args: ["specs/tools/1.0.0.yaml"], dir: "specs", env: "local", cwd, secretHosts, processEnv: process.env });
 */
export async function loadValidSpecs({
  args,
  dir,
  env,
  cwd,
  secretHosts,
  processEnv,
}: {
  args: string[];
  dir: string;
  env: string | undefined;
  cwd: string;
  /** `secretHostsFromEnv(io.env)`: a RegistryAuths reference out of it is a `secret-scope` error. */
  secretHosts: SecretHosts;
  /** The command's environment variables (where the `local` registry is discovered, see local-registry.ts). */
  processEnv: NodeJS.ProcessEnv;
}): Promise<ValidSpecs> {
  const location = specsLocation({ dir, cwd });
  await checkEnvironment({ env, location });
  const paths = await specPaths({ args, cwd, location });
  const loaded = await loadSpecs({
    source: await sourceForEnvironment({
      source: directorySource(location.rootDir),
      env,
      rootDir: location.rootDir,
      specsDir: location.specsDir,
      ioEnv: processEnv,
    }),
    specsDir: location.specsDir,
    paths,
    secretHosts,
    ...(env ? { env } : {}),
  });
  const { specs, problems } = loaded;
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new SpecError({ problems: errors });
  const notInEnv = filesNotInEnv({ env, candidates: paths, specs, problems });
  return { specs, notInEnv, warnings: problems.filter((p) => p.severity === "warning") };
}
