/** Refuses an `--env` that no spec defines, suggesting the nearest one (`--env prd` → "prod"). */
import { directorySource, environmentNames } from "@imagebuild/core";
import { UsageError } from "./command.ts";
import { didYouMean } from "./did-you-mean.ts";
import type { SpecsLocation } from "./specs-location.ts";

/**
 * Throws a `UsageError` naming `from` (default `--env`; `IMAGEBUILD_ENV` or the config file's
 * `defaultEnv` when the name came from there) when `env` is set and no spec or `_defaults.yaml`
 * under the specs folder defines it; resolves to the names the specs define.
 *
 * @example
 * await checkEnvironment({ env: "prd", location });
 * // UsageError: --env: no spec defines the environment "prd"; did you mean "prod"? (defined: local, prod)
 */
export async function checkEnvironment({
  env,
  location,
  from = "--env",
}: {
  env: string | undefined;
  location: SpecsLocation;
  from?: string;
}): Promise<string[]> {
  const names = await environmentNames({
    source: directorySource(location.rootDir),
    specsDir: location.specsDir,
  });
  if (env === undefined || names.length === 0 || names.includes(env)) return names;
  const suggestion = didYouMean(env, names) || ";";
  throw new UsageError(
    `${from}: no spec defines the environment "${env}"${suggestion} defined: ${names.join(", ")}`,
  );
}
