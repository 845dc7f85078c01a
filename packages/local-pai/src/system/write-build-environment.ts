/** Writes the containers configuration (registries, policy, storage) a builder runs with, all under the data directory. */
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { SILENT_LOGGER } from "@imagebuild/pai-client/logger";
import { IMAGE_STORAGES_FOLDER, listImageStorages } from "./image-storage-layout.ts";
import { legacySharedStorage, releaseStorage } from "./release-build-storage.ts";
import {
  chooseStorageDriver,
  recordedStorageDriver,
  type StorageDriver,
} from "./storage-driver.ts";
import type { BuildEnvironment, Logger } from "./types.ts";

/** Docker Hub repositories served from the local registry, by short name. */
export const MIRRORED_REPOSITORIES = ["busybox", "debian"] as const;

/**
 * Writes `registries.conf` (Docker Hub's `library/busybox` and `library/debian` mirrored to the local
 * registry, short names resolved by alias so no tool ever asks which registry to search), a policy
 * accepting any image and a `storage.conf` recording the driver chosen for this data directory
 * (overlay where buildah can mount it and it keeps owners, otherwise vfs: see storage-driver.ts),
 * and returns the environment a builder runs with; each image builds in a storage of its own under
 * `imageStorages` (image-storage.ts). Storages the chosen driver cannot use are removed
 * (removeStaleStorages): call it as the data directory's owner, before any build runs.
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
  const imageStorages = join(dir, IMAGE_STORAGES_FOLDER);
  const tmpDir = join(dir, "tmp");
  const builders = join(dir, "builders");
  await Promise.all([imageStorages, tmpDir, builders].map((d) => mkdir(d, { recursive: true })));

  const storageConf = join(dir, "storage.conf");
  const storageDriver = await chooseStorageDriver({ containersDir: dir, log });
  const removed = await removeStaleStorages({
    containers: dir,
    imageStorages,
    recorded: await recordedStorageDriver(storageConf),
    chosen: storageDriver,
    log,
  });
  if (removed.length > 0) log.info("removed build storages", { storageDriver, removed });

  const registriesConf = join(dir, "registries.conf");
  const signaturePolicy = join(dir, "policy.json");
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
  // The driver only: every buildah call names its image's storage (image-storage.ts).
  const storage = ["[storage]", `driver = "${storageDriver}"`, ""].join("\n");
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
    imageStorages,
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
 * Deletes the build storages a new start cannot use: every image's when the driver recorded in
 * storage.conf is not the one chosen now (a storage holds only caches, pulled bases and step images,
 * which the chosen driver fills again), and the one storage all images shared in earlier versions.
 * Returns the folders deleted. Call it only as the data directory's owner, before any build runs.
 */
async function removeStaleStorages({
  containers,
  imageStorages,
  recorded,
  chosen,
  log,
}: {
  containers: string;
  imageStorages: string;
  recorded: StorageDriver | undefined;
  chosen: StorageDriver;
  log: Logger;
}): Promise<string[]> {
  const stale: { storageRoot: string; runRoot: string; folders: string[] }[] = [];
  if (recorded !== undefined && recorded !== chosen) {
    for (const storage of await listImageStorages(imageStorages))
      stale.push({ ...storage, folders: [storage.dir] });
  }
  const legacy = legacySharedStorage(containers);
  if (existsSync(legacy.storageRoot))
    stale.push({ ...legacy, folders: [legacy.storageRoot, legacy.runRoot] });
  for (const storage of stale) {
    await releaseStorage({ ...storage, driver: recorded ?? chosen, log });
    for (const folder of storage.folders) await rm(folder, { recursive: true, force: true });
  }
  return stale.flatMap((storage) => storage.folders);
}
