/** The `local` environment's registry: the running local service's, else the config file's, else the one `local serve` starts by default; the one place the CLI decides it. */
import path from "node:path";
import type { EnvironmentDefaults } from "@imagebuild/core";
import { localDataDir, type Settings } from "./settings.ts";

/** The environment the local service builds (see docs/decisions/cli-environments.md). */
export const LOCAL_ENVIRONMENT = "local";
/** The namespace local images go under: `<registry host>/pai/<image>:<version>`. */
export const LOCAL_REGISTRY_NAMESPACE = "pai";
/** The registry port `local serve` and `dev` start by default. */
export const DEFAULT_REGISTRY_PORT = 5000;
const ENV_DATA_DIR = "IMAGEBUILD_DATA_DIR";

/**
 * `<host>/pai`: where the local service's images go.
 *
 * @example
 * registryFor("127.0.0.1:5000"); // "127.0.0.1:5000/pai"
 */
export function registryFor(registryHost: string): string {
  return `${registryHost}/${LOCAL_REGISTRY_NAMESPACE}`;
}

/**
 * The environment defaults specs are loaded with in `env` (core's `environmentDefaults`): the config
 * file's registry and workspace per environment, and for `local` the registry of the service running
 * on the repository's data directory (`IMAGEBUILD_DATA_DIR`, default `<root>/.imagebuild`). The
 * running service wins over the config file, since it is where builds push; with neither,
 * `127.0.0.1:5000/pai`, where `local serve` puts it by default. A spec or defaults file that names a
 * registry keeps its own.
 *
 * @example
 * await environmentDefaultsFor({ settings, env: "local" }); // { local: { registry: "127.0.0.1:5000/pai" }, … }
 */
export async function environmentDefaultsFor({
  settings,
  env,
}: {
  settings: Settings;
  env: string | undefined;
}): Promise<EnvironmentDefaults> {
  const configured = settings.environmentDefaults;
  if (env !== LOCAL_ENVIRONMENT) return configured;
  const rootDir = settings.location().rootDir;
  const fromVariable = settings.processEnv[ENV_DATA_DIR];
  const dataDir = fromVariable
    ? path.resolve(rootDir, fromVariable)
    : localDataDir({ data: undefined, cwd: rootDir });
  // Loaded only here: the state reader is local-pai's, which no other environment needs.
  const { discoverLocalService } = await import("./discover-local-service.ts");
  const running = await discoverLocalService({ dataDir });
  const own = Object.hasOwn(configured, LOCAL_ENVIRONMENT) ? configured[LOCAL_ENVIRONMENT] : {};
  const registry = running
    ? registryFor(running.registryHost)
    : (own?.registry ?? registryFor(`127.0.0.1:${DEFAULT_REGISTRY_PORT}`));
  return { ...configured, [LOCAL_ENVIRONMENT]: { ...own, registry } };
}
