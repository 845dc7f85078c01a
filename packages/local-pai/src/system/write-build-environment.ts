/** Writes the containers configuration (registries, policy, storage) a builder runs with, all under the data directory. */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { SILENT_LOGGER } from "@imagebuild/pai-client/logger";
import { chooseStorageDriver, driverFlags, removeOtherDriverStorage } from "./storage-driver.ts";
import type { BuildEnvironment, Logger } from "./types.ts";

/** Docker Hub repositories served from the local registry, by short name. */
export const MIRRORED_REPOSITORIES = ["busybox", "debian"] as const;

/**
 * Writes `registries.conf` (Docker Hub's `library/busybox` and `library/debian` mirrored to the local
 * registry, short names resolved by alias so no tool ever asks which registry to search), a policy
 * accepting any image and a `storage.conf` with the driver chosen for this data directory (overlay
 * where buildah can mount it, otherwise vfs: see storage-driver.ts), and returns the environment a
 * builder runs with. The other driver's storage, a cache of pulled bases from an earlier start, is
 * removed: call it as the data directory's owner, before any build runs.
 *
 * @example
 * const environment = await writeBuildEnvironment({ dataDir: ".imagebuild", registryHost: "127.0.0.1:5000" });
 */
export async function writeBuildEnvironment({
  dataDir,
  registryHost,
  log = SILENT_LOGGER,
}: {
  dataDir: string;
  registryHost: string;
  log?: Logger;
}): Promise<BuildEnvironment> {
  const dir = join(resolve(dataDir), "containers");
  const storageRoot = join(dir, "storage");
  const runRoot = join(dir, "run");
  const tmpDir = join(dir, "tmp");
  const builders = join(dir, "builders");
  await Promise.all(
    [storageRoot, runRoot, tmpDir, builders].map((d) => mkdir(d, { recursive: true })),
  );

  const storageDriver = await chooseStorageDriver({ storageRoot, runRoot, log });
  const removed = await removeOtherDriverStorage({ storageRoot, driver: storageDriver });
  if (removed.length > 0)
    log.info("removed the build storage of the other driver", { storageDriver, removed });

  const registriesConf = join(dir, "registries.conf");
  const signaturePolicy = join(dir, "policy.json");
  const storageConf = join(dir, "storage.conf");
  const aliasesConf = join(dir, "short-name-aliases.conf");
  const mirrors = MIRRORED_REPOSITORIES.flatMap((name) => [
    "[[registry]]",
    `prefix = "docker.io/library/${name}"`,
    `location = "${registryHost}/library/${name}"`,
    "insecure = true",
    "",
  ]);
  const registries = [
    'unqualified-search-registries = ["docker.io"]',
    'short-name-mode = "permissive"',
    "",
    ...mirrors,
    "[[registry]]",
    `location = "${registryHost}"`,
    "insecure = true",
    "",
    "[aliases]",
    ...MIRRORED_REPOSITORIES.map((name) => `"${name}" = "docker.io/library/${name}"`),
    "",
  ].join("\n");
  const storage = [
    "[storage]",
    `driver = "${storageDriver}"`,
    `graphroot = "${storageRoot}"`,
    `runroot = "${runRoot}"`,
    "",
  ].join("\n");
  await Promise.all([
    writeFile(registriesConf, registries),
    writeFile(
      signaturePolicy,
      `${JSON.stringify({ default: [{ type: "insecureAcceptAnything" }] })}\n`,
    ),
    writeFile(storageConf, storage),
  ]);
  return {
    registriesConf,
    signaturePolicy,
    storageRoot,
    runRoot,
    storageDriver,
    env: {
      CONTAINERS_REGISTRIES_CONF: registriesConf,
      CONTAINERS_STORAGE_CONF: storageConf,
      CONTAINERS_SHORT_NAME_ALIAS_CONF: aliasesConf,
      // buildah stages layers in TMPDIR (default /var/tmp); keep them on the data directory's disk.
      TMPDIR: tmpDir,
    },
  };
}

/**
 * The global buildah flags selecting this environment's storage (its graph root, run root and driver).
 *
 * @example
 * spawn("buildah", [...storageFlags(environment), "images"]);
 */
export function storageFlags(environment: BuildEnvironment): string[] {
  return driverFlags({ ...environment, driver: environment.storageDriver });
}
