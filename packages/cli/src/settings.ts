/** The one place the CLI's settings are decided: flags beat environment variables, which beat imagebuild.config.yaml. */
import path from "node:path";
import type { EnvironmentDefaults } from "@imagebuild/core";
import { gitRoot } from "@imagebuild/core/git-root";
import { ENV_ENDPOINT } from "@imagebuild/pai-client/resolve-endpoints";
import type { Io } from "./command.ts";
import { UsageError } from "./command.ts";
import { envFlag } from "./flag-schemas.ts";
import { CONFIG_FILE, findConfigFile } from "./find-config-file.ts";
import type { LoadedConfig } from "./read-config.ts";
import { type SpecsLocation, specsLocation } from "./specs-location.ts";

/** Chooses the environment when `--env` is not given. */
export const ENV_IMAGEBUILD_ENV = "IMAGEBUILD_ENV";
/** Picks the cloud region for imagebuild only; beats the config file and `ALIBABA_CLOUD_REGION_ID`. */
export const ENV_IMAGEBUILD_REGION = "IMAGEBUILD_REGION";

/** Everything a command needs to know about where it runs; built by `resolveSettings`. */
export interface Settings {
  /** The config file in use, if one was found. */
  config: LoadedConfig | undefined;
  /** The environment of a command that acts in one: `--env`, else `IMAGEBUILD_ENV`, else `defaultEnv`. */
  env: string | undefined;
  /** `--env` or `IMAGEBUILD_ENV` only: `validate`, `plan` and `graph` span every environment without one. */
  explicitEnv: string | undefined;
  /** Where `env` came from, as a message prefix: `--env`, `IMAGEBUILD_ENV`, `imagebuild.config.yaml: defaultEnv`. */
  envFrom: string;
  /** One base URL for both APIs (e.g. the local service), when one is configured. */
  endpoint: string | undefined;
  /** The region, when the target is the cloud; undefined leaves `ALIBABA_CLOUD_REGION_ID` to pai-client. */
  region: string | undefined;
  /** Which setting chose the target, e.g. `IMAGEBUILD_ENDPOINT` or `imagebuild.config.yaml: environments.local.endpoint`. */
  targetFrom: string | undefined;
  /** The environment's aliyun CLI profile from the config (`ALIBABA_CLOUD_PROFILE` still beats it). */
  profile: string | undefined;
  /** The environment's workspace from the config (a `--workspace` flag beats it). */
  workspace: string | undefined;
  /** Registry and workspace of every configured environment, beneath the specs' own values. */
  environmentDefaults: EnvironmentDefaults;
  /** The process environment the settings were read from (keys, secrets). */
  processEnv: NodeJS.ProcessEnv;
  /** The specs folder, found on first use so commands that read no specs work anywhere. */
  location(): SpecsLocation;
  /** The same settings in another environment (`plan` and `validate` go through each). */
  inEnv(env: string | undefined): Settings;
}

/**
 * Finds the config file (from `--dir` when given, else the working folder, up to the git root),
 * checks it, and applies the precedence. A bad `IMAGEBUILD_ENV` or config field is a `UsageError`
 * naming the variable, or the file, line and field.
 *
 * @example
 * const settings = await resolveSettings({ io, env: flags.env, dir: flags.dir });
 * settings.env; // "local" from imagebuild.config.yaml's defaultEnv when neither --env nor IMAGEBUILD_ENV is set
 */
export async function resolveSettings({
  io,
  env,
  dir,
}: {
  io: Pick<Io, "cwd" | "env">;
  env?: string | undefined;
  dir?: string | undefined;
}): Promise<Settings> {
  const start = dir === undefined ? io.cwd : path.resolve(io.cwd, dir);
  const found = findConfigFile({ start, stopAt: gitRoot(start) });
  // Loaded on demand: the YAML parsers and the schema are a good part of a command's start-up.
  const config =
    found === undefined
      ? undefined
      : (await import("./read-config.ts")).readConfig({ file: found, cwd: io.cwd });
  const fromVariable = io.env[ENV_IMAGEBUILD_ENV]?.trim() || undefined;
  if (fromVariable !== undefined && !envFlag.safeParse(fromVariable).success) {
    throw new UsageError(`${ENV_IMAGEBUILD_ENV}: must be an environment name like local or prod`);
  }
  const explicitEnv = env ?? fromVariable;
  const envFrom =
    env !== undefined
      ? "--env"
      : fromVariable
        ? ENV_IMAGEBUILD_ENV
        : configField(config, io.cwd, "defaultEnv");
  let location: SpecsLocation | undefined;
  const base = {
    config,
    explicitEnv,
    environmentDefaults: environmentDefaults(config),
    processEnv: io.env,
    location: () => {
      location ??= specsLocation({ dir, cwd: io.cwd, config });
      return location;
    },
  };
  const inEnv = (name: string | undefined, from: string): Settings => ({
    ...base,
    ...target({ config, env: name, cwd: io.cwd, processEnv: io.env }),
    env: name,
    envFrom: from,
    inEnv: (other) => inEnv(other, "--env"),
  });
  return inEnv(explicitEnv ?? config?.value.defaultEnv, envFrom);
}

/**
 * Where the environment's requests go and who signs them: `IMAGEBUILD_ENDPOINT` or `IMAGEBUILD_REGION`
 * beat the config's `endpoint`/`region`; `ALIBABA_CLOUD_REGION_ID` (shared with every Alibaba Cloud
 * tool, often exported for other work) only applies when neither names a target.
 */
function target({
  config,
  env,
  cwd,
  processEnv,
}: {
  config: LoadedConfig | undefined;
  env: string | undefined;
  cwd: string;
  processEnv: NodeJS.ProcessEnv;
}): Pick<Settings, "endpoint" | "region" | "targetFrom" | "profile" | "workspace"> {
  const configured = env === undefined ? undefined : configEnvironment(config, env);
  const fromConfig = (field: string) => configField(config, cwd, `environments.${env}.${field}`);
  const common = { profile: configured?.profile, workspace: configured?.workspace };
  const endpoint = processEnv[ENV_ENDPOINT]?.trim();
  if (endpoint) return { ...common, endpoint, region: undefined, targetFrom: ENV_ENDPOINT };
  const region = processEnv[ENV_IMAGEBUILD_REGION]?.trim();
  if (region) return { ...common, endpoint: undefined, region, targetFrom: ENV_IMAGEBUILD_REGION };
  if (configured?.endpoint)
    return {
      ...common,
      endpoint: configured.endpoint,
      region: undefined,
      targetFrom: fromConfig("endpoint"),
    };
  if (configured?.region)
    return {
      ...common,
      endpoint: undefined,
      region: configured.region,
      targetFrom: fromConfig("region"),
    };
  const shared = processEnv.ALIBABA_CLOUD_REGION_ID?.trim() ? "ALIBABA_CLOUD_REGION_ID" : undefined;
  return { ...common, endpoint: undefined, region: undefined, targetFrom: shared };
}

function configEnvironment(config: LoadedConfig | undefined, env: string) {
  const environments = config?.value.environments ?? {};
  return Object.hasOwn(environments, env) ? environments[env] : undefined;
}

function environmentDefaults(config: LoadedConfig | undefined): EnvironmentDefaults {
  const out: Record<string, { registry?: string; workspaceId?: string }> = {};
  for (const [name, settings] of Object.entries(config?.value.environments ?? {})) {
    if (!settings) continue;
    out[name] = {
      ...(settings.registry ? { registry: settings.registry } : {}),
      ...(settings.workspace ? { workspaceId: settings.workspace } : {}),
    };
  }
  return out;
}

function configField(config: LoadedConfig | undefined, cwd: string, field: string): string {
  const file = config ? path.relative(cwd, config.file) || CONFIG_FILE : CONFIG_FILE;
  return `${file}: ${field}`;
}

/** The local stack's state folder when `--data` is not given, at the repository root. */
export const DEFAULT_DATA_DIR = ".imagebuild";

/**
 * The repository's root as seen from `cwd`: the folder holding the nearest imagebuild.config.yaml
 * (up to the git root), else the git work tree's root, else `cwd`. `dev` and `local serve` keep
 * their state and read the repository there, so they behave alike from any subfolder.
 *
 * @example
 * repositoryRoot("/repo/specs/debian-tools") // "/repo"
 */
export function repositoryRoot(cwd: string): string {
  const git = gitRoot(cwd);
  const config = findConfigFile({ start: cwd, stopAt: git });
  return config ? path.dirname(config) : (git ?? cwd);
}

/**
 * The data directory of `dev` and `local serve`: `--data` relative to the working folder, else
 * `.imagebuild` at the repository root, so `dev push` finds the session `dev` started elsewhere.
 *
 * @example
 * localDataDir({ data: undefined, cwd: "/repo/specs" }) // "/repo/.imagebuild"
 */
export function localDataDir({ data, cwd }: { data: string | undefined; cwd: string }): string {
  return data === undefined
    ? path.join(repositoryRoot(cwd), DEFAULT_DATA_DIR)
    : path.resolve(cwd, data);
}
