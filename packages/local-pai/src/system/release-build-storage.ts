/** Removes the working containers of a data directory's build storages and unmounts whatever stayed mounted in them. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { IMAGE_STORAGES_FOLDER, listImageStorages } from "./image-storage-layout.ts";
import { runProcess } from "./run-process.ts";
import { driverFlags, recordedStorageDriver, type StorageDriver } from "./storage-driver.ts";
import type { Logger } from "./types.ts";

/** How many times the leftover mounts are listed and unmounted before giving up. */
const UNMOUNT_PASSES = 3;

/**
 * Releases every build storage of a data directory (each image's, see image-storage.ts, and the one
 * shared storage of earlier versions) with the driver its storage.conf records, then unmounts any
 * mount still under `<dataDir>/containers`: a builder killed with SIGKILL skips its clean-up, and one
 * mount left there makes deleting the data directory fail with EBUSY. Call it only while no build
 * runs on the data directory (at start-up and at shutdown).
 *
 * @example
 * await releaseBuildStorage({ dataDir: ".imagebuild", log });
 */
export async function releaseBuildStorage({
  dataDir,
  log,
}: {
  dataDir: string;
  log: Logger;
}): Promise<void> {
  const containers = join(resolve(dataDir), "containers");
  const driver = await recordedStorageDriver(join(containers, "storage.conf"));
  // No storage.conf: no service ever wrote a build storage here.
  if (driver === undefined) return;
  const storages = [
    ...(await listImageStorages(join(containers, IMAGE_STORAGES_FOLDER))),
    ...(existsSync(join(containers, "storage")) ? [legacySharedStorage(containers)] : []),
  ];
  for (const storage of storages) await removeWorkingContainers({ ...storage, driver });
  // The whole containers folder: buildah also mounts each RUN step's rootfs under its TMPDIR there.
  await unmountUnder({ root: containers, log });
}

/**
 * Releases one build storage: `buildah rm --all` (which unmounts the containers' overlay mounts and
 * the driver's own bind mount of its folder), then any mount left under its two roots.
 *
 * @example
 * await releaseStorage({ storageRoot, runRoot, driver: "overlay", log });
 */
export async function releaseStorage({
  storageRoot,
  runRoot,
  driver,
  log,
}: {
  storageRoot: string;
  runRoot: string;
  driver: StorageDriver;
  log: Logger;
}): Promise<void> {
  await removeWorkingContainers({ storageRoot, runRoot, driver });
  for (const root of [storageRoot, runRoot]) await unmountUnder({ root, log });
}

/**
 * The one build storage every image shared before each image got its own: released at start-up and
 * then deleted by writeBuildEnvironment.
 *
 * @example
 * legacySharedStorage("/srv/.imagebuild/containers").storageRoot; // "/srv/.imagebuild/containers/storage"
 */
export function legacySharedStorage(containers: string): { storageRoot: string; runRoot: string } {
  return { storageRoot: join(containers, "storage"), runRoot: join(containers, "run") };
}

async function removeWorkingContainers(storage: {
  storageRoot: string;
  runRoot: string;
  driver: StorageDriver;
}): Promise<void> {
  await runProcess({ command: "buildah", args: [...driverFlags(storage), "rm", "--all"] });
}

/** Unmounts every mount at or below `root`, deepest first, lazily (no builder runs any more). */
async function unmountUnder({ root, log }: { root: string; log: Logger }): Promise<void> {
  // Several passes: a mount can be stacked or propagated, so one unmount may reveal another copy.
  for (let pass = 0; pass < UNMOUNT_PASSES; pass++) {
    const mounts = await mountsUnder(root);
    if (mounts.length === 0) return;
    for (const mountPoint of mounts) {
      log.warn("unmounting a mount a builder left in the build storage", { mountPoint });
      // Lazily: every builder is stopped, and a file still open there must not keep the folder busy.
      const result = await runProcess({ command: "umount", args: ["--lazy", mountPoint] });
      if (result.exitCode !== 0) {
        log.warn("could not unmount it", { mountPoint, error: result.tail.at(-1) ?? "" });
      }
    }
  }
}

/**
 * The mount points at or below `root` in this process's mount namespace, deepest first.
 *
 * @example
 * await mountsUnder("/srv/.imagebuild/containers/storage"); // ["/srv/…/storage/overlay/<id>/merged", "/srv/…/storage/overlay"]
 */
export async function mountsUnder(root: string): Promise<string[]> {
  const table = await readFile("/proc/self/mountinfo", "utf8");
  const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  return table
    .split("\n")
    .map((line) => line.split(" ")[4])
    .filter((field): field is string => field !== undefined)
    .map(decodeMountPath)
    .filter((path) => path === root || path.startsWith(prefix))
    .sort((a, b) => b.length - a.length);
}

/** mountinfo writes space, tab, newline and backslash in paths as octal escapes (`\040`). */
function decodeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) =>
    String.fromCharCode(Number.parseInt(octal, 8)),
  );
}
