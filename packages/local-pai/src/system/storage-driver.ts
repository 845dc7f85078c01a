/** Chooses the containers/storage driver of a data directory's build storage (overlay, or vfs where it cannot mount). */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { runProcess } from "./run-process.ts";
import type { Logger } from "./types.ts";

/** The drivers the build storage may use: overlay shares layers copy-on-write, vfs copies them. */
export const StorageDriverSchema = z.enum(["overlay", "vfs"]);

/** A storage driver of the build storage. */
export type StorageDriver = z.infer<typeof StorageDriverSchema>;

/** The folders containers/storage keeps per driver under the graph root. */
const DRIVER_FOLDERS = ["", "-containers", "-images", "-layers"] as const;

/**
 * Asks buildah whether its overlay driver initialises on `storageRoot` (the check containers/storage
 * itself makes: the kernel's overlay mounted over a folder of that file system) and answers
 * "overlay", or "vfs" with one logged line giving buildah's reason.
 *
 * @example
 * const driver = await chooseStorageDriver({ storageRoot, runRoot, log }); // "overlay"
 */
export async function chooseStorageDriver({
  storageRoot,
  runRoot,
  log,
}: {
  storageRoot: string;
  runRoot: string;
  log: Logger;
}): Promise<StorageDriver> {
  const probe = await runProcess({
    command: "buildah",
    args: [
      ...driverFlags({ storageRoot, runRoot, driver: "overlay" }),
      "info",
      "--format",
      "{{.store.GraphDriverName}}",
    ],
  });
  const output = probe.tail.map((line) => line.trim()).filter(Boolean);
  if (probe.exitCode === 0 && output.at(-1) === "overlay") return "overlay";
  log.warn("build storage falls back to vfs (every layer a full copy): overlay is unavailable", {
    reason: output.at(-1) ?? `buildah exited with code ${probe.exitCode}`,
  });
  return "vfs";
}

/**
 * The global buildah flags selecting a graph root, run root and driver.
 *
 * @example
 * driverFlags({ storageRoot: "/d/containers/storage", runRoot: "/d/containers/run", driver: "overlay" });
 * // ["--root", "/d/containers/storage", "--runroot", "/d/containers/run", "--storage-driver", "overlay"]
 */
export function driverFlags({
  storageRoot,
  runRoot,
  driver,
}: {
  storageRoot: string;
  runRoot: string;
  driver: StorageDriver;
}): string[] {
  return ["--root", storageRoot, "--runroot", runRoot, "--storage-driver", driver];
}

/**
 * The driver recorded in a `storage.conf` written by writeBuildEnvironment, or undefined when there is
 * no such file (no earlier service wrote a build storage there).
 *
 * @example
 * await recordedStorageDriver("/srv/.imagebuild/containers/storage.conf"); // "overlay"
 */
export async function recordedStorageDriver(
  storageConf: string,
): Promise<StorageDriver | undefined> {
  const text = await readFile(storageConf, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  const driver = /^\s*driver\s*=\s*"([^"]*)"/m.exec(text)?.[1];
  const parsed = StorageDriverSchema.safeParse(driver);
  if (!parsed.success) {
    throw new Error(
      `${storageConf}: driver: expected "overlay" or "vfs", got ${JSON.stringify(driver ?? null)}; delete the file and restart the service to choose again`,
    );
  }
  return parsed.data;
}

/**
 * Deletes what another driver keeps under `storageRoot` (`vfs`, `vfs-containers`, `vfs-images`,
 * `vfs-layers` when `driver` is overlay): a build storage holds only pulled bases between builds, so
 * it is a cache the chosen driver fills again. Call it only as the data directory's owner, before
 * any build runs.
 *
 * @example
 * await removeOtherDriverStorage({ storageRoot, driver: "overlay" });
 */
export async function removeOtherDriverStorage({
  storageRoot,
  driver,
}: {
  storageRoot: string;
  driver: StorageDriver;
}): Promise<string[]> {
  const folders = StorageDriverSchema.options
    .filter((name) => name !== driver)
    .flatMap((other) => DRIVER_FOLDERS.map((suffix) => join(storageRoot, `${other}${suffix}`)))
    .filter((folder) => existsSync(folder));
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
  return folders;
}
