/** Refuses an `--env` that no spec defines, suggesting the nearest one (`--env prd` → "prod"). */
import { directorySource, environmentNames, type SpecSource } from "@imagebuild/core";
import { UsageError } from "./command.ts";
import { didYouMean } from "./did-you-mean.ts";
import type { Settings } from "./settings.ts";
import type { SpecsLocation } from "./specs-location.ts";

/**
 * Throws a `UsageError` naming `from` (default `--env`; `IMAGEBUILD_ENV` or the config file's
 * `defaultEnv` when the name came from there) when `env` is set and no spec or `_defaults.yaml`
 * under the specs folder defines it; resolves to the names the specs define (with `env` set, those
 * read up to the first file that defines it).
 *
 * @example
 * await checkEnvironment({ env: "prd", location });
 * // UsageError: --env: no spec defines the environment "prd"; did you mean "prod"? (defined: local, prod)
 */
export async function checkEnvironment({
  env,
  location,
  from = "--env",
  source = directorySource(location.rootDir),
}: {
  env: string | undefined;
  location: SpecsLocation;
  from?: string;
  /** Where the specs are read (default: the working tree under the location's root). */
  source?: SpecSource;
}): Promise<string[]> {
  // With an environment named, the search stops at the first file that defines it.
  const names = await environmentNames({ source, specsDir: location.specsDir, until: env });
  if (env === undefined || names.length === 0 || names.includes(env)) return names;
  const suggestion = didYouMean(env, names) || ";";
  throw new UsageError(
    `${from}: no spec defines the environment "${env}"${suggestion} defined: ${names.join(", ")}`,
  );
}

/**
 * The environments a command that spans them (`validate`, `plan`, `pin`, `doctor`) goes through: the
 * one named by `--env` or `IMAGEBUILD_ENV` (checked as `checkEnvironment` does), else every one the
 * specs define, else a single pass with none (`[undefined]`), for a repository that defines none;
 * `defined` is what the specs define. `source` is where the specs are read (default: the working
 * tree); `validate` passes the read-once source its passes then read again.
 *
 * @example
 * await environmentsToCheck(settings); // { envs: ["local", "prod"], defined: ["local", "prod"] }
 */
export async function environmentsToCheck(
  settings: Pick<Settings, "explicitEnv" | "envFrom" | "location">,
  source?: SpecSource,
): Promise<{ envs: (string | undefined)[]; defined: string[] }> {
  const only = settings.explicitEnv;
  const defined = await checkEnvironment({
    env: only,
    location: settings.location(),
    from: settings.envFrom,
    ...(source ? { source } : {}),
  });
  const envs: (string | undefined)[] = only ? [only] : defined;
  return { envs: envs.length > 0 ? envs : [undefined], defined };
}
