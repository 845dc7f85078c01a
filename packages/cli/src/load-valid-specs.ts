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
import { environmentDefaultsFor } from "./local-registry.ts";
import { filesNotInEnv } from "./split-by-environment.ts";
import type { Settings } from "./settings.ts";
import { specPaths } from "./specs-location.ts";

/** The loaded specs, and the requested files the environment leaves out (no overlay for it). */
export interface ValidSpecs {
  specs: ResolvedSpec[];
  /** Requested files that have no overlay for the environment, so are not built in it. */
  notInEnv: string[];
  warnings: Problem[];
}

/**
 * Resolves spec arguments, loads them in the settings' environment (with the config's registry and
 * workspace beneath them), and throws `SpecError` (exit 1) listing every error when one is found.
 *
 * @example
 * const { specs } = await loadValidSpecs({ args: ["specs/tools/1.0.0.yaml"], settings, cwd, secretHosts });
 */
export async function loadValidSpecs({
  args,
  settings,
  cwd,
  secretHosts,
}: {
  args: string[];
  settings: Settings;
  cwd: string;
  /** `secretHostsFromEnv(io.env)`: a RegistryAuths reference out of it is a `secret-scope` error. */
  secretHosts: SecretHosts;
}): Promise<ValidSpecs> {
  const { env, envFrom } = settings;
  const location = settings.location();
  await checkEnvironment({ env, location, from: envFrom });
  const paths = await specPaths({ args, cwd, location });
  const loaded = await loadSpecs({
    source: directorySource(location.rootDir),
    specsDir: location.specsDir,
    paths,
    secretHosts,
    environmentDefaults: await environmentDefaultsFor({ settings, env }),
    ...(env ? { env } : {}),
  });
  const { specs, problems } = loaded;
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new SpecError({ problems: errors });
  const notInEnv = filesNotInEnv({ env, candidates: paths, specs, problems });
  return { specs, notInEnv, warnings: problems.filter((p) => p.severity === "warning") };
}
