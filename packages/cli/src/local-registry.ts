/** The `local` environment's registry: the running local service's, else the one `local serve` starts by default; the one place the CLI decides it. */
import path from "node:path";
import { defaultRegistrySource, type SpecSource } from "@imagebuild/core";
import { discoverLocalService } from "./discover-local-service.ts";

/** The environment the local service builds (see docs/decisions/cli-environments.md). */
export const LOCAL_ENVIRONMENT = "local";
/** The namespace local images go under: `<registry host>/pai/<image>:<version>`. */
export const LOCAL_REGISTRY_NAMESPACE = "pai";
/** The registry port `local serve` and `dev` start by default. */
export const DEFAULT_REGISTRY_PORT = 5000;
/** The data directory of `local serve`, `dev` and `npm start`, relative to the repository. */
export const DEFAULT_DATA_DIR = ".imagebuild";
const ENV_DATA_DIR = "IMAGEBUILD_DATA_DIR";

/**
 * The registry (host/namespace) of `local` specs that name none: the service running on the
 * repository's data directory (`IMAGEBUILD_DATA_DIR`, default `<rootDir>/.imagebuild`), else
 * `127.0.0.1:5000/pai`, where `local serve` puts it by default.
 *
 * @example
 * await localRegistry({ rootDir: "/repo", env: process.env }); // "127.0.0.1:5000/pai"
 */
export async function localRegistry({
  rootDir,
  env,
}: {
  rootDir: string;
  env: NodeJS.ProcessEnv;
}): Promise<string> {
  const dataDir = path.resolve(rootDir, env[ENV_DATA_DIR] || DEFAULT_DATA_DIR);
  const running = await discoverLocalService({ dataDir });
  return registryFor(running?.registryHost ?? `127.0.0.1:${DEFAULT_REGISTRY_PORT}`);
}

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
 * The registry beneath every layer of the specs loaded in `env`: `localRegistry` for `local`, none
 * for the other environments (their overlays name theirs).
 *
 * @example
 * await environmentRegistry({ env: "local", rootDir: "/repo", ioEnv: process.env }); // "127.0.0.1:5000/pai"
 */
export async function environmentRegistry({
  env,
  rootDir,
  ioEnv,
}: {
  env: string | undefined;
  rootDir: string;
  ioEnv: NodeJS.ProcessEnv;
}): Promise<string | undefined> {
  return env === LOCAL_ENVIRONMENT ? localRegistry({ rootDir, env: ioEnv }) : undefined;
}

/**
 * `source` as specs are loaded in `env`: with `environmentRegistry` beneath every layer, so a spec or
 * defaults file that names a registry keeps it.
 *
 * @example
 * const source = await sourceForEnvironment({ source: directorySource(root), env: "local", rootDir: root, specsDir: "specs", ioEnv: process.env });
 */
export async function sourceForEnvironment({
  source,
  env,
  rootDir,
  specsDir,
  ioEnv,
}: {
  source: SpecSource;
  env: string | undefined;
  rootDir: string;
  specsDir: string;
  ioEnv: NodeJS.ProcessEnv;
}): Promise<SpecSource> {
  const registry = await environmentRegistry({ env, rootDir, ioEnv });
  return registry ? defaultRegistrySource({ source, registry, specsDir }) : source;
}
