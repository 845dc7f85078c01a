/** Chooses the containers/storage driver of a data directory's build storage (overlay, or vfs where it cannot mount). */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import { busyboxPath } from "./base-image-archive.ts";
import { runProcess } from "./run-process.ts";
import type { Logger } from "./types.ts";

/** The drivers the build storage may use: overlay shares layers copy-on-write, vfs copies them. */
export const StorageDriverSchema = z.enum(["overlay", "vfs"]);

/** A storage driver of the build storage. */
export type StorageDriver = z.infer<typeof StorageDriverSchema>;

/** The folders containers/storage keeps per driver under the graph root. */
const DRIVER_FOLDERS = ["", "-containers", "-images", "-layers"] as const;

/** A host id range no build uses, for the probe's user namespace (the top of the 32-bit id space). */
const PROBE_HOST_ID = 4_294_836_224;
const PROBE_RANGE = 65_536;

/**
 * Answers "overlay" when buildah's overlay driver initialises on `storageRoot` (containers/storage's
 * own check: an overlay mounted over a folder of that file system) and commits what a process in a
 * user namespace writes with that namespace's owners; otherwise "vfs", with one logged line giving
 * the reason. Both are checked in a throwaway storage beside `storageRoot`, removed afterwards
 * (about a second), with the id-mapped lower layers turned off as builds get them
 * (turnOffIdMappedLowerLayers). When it answers overlay, `runRoot` is set up the same way.
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
  // A sibling of the graph root: the same file system, and the real storage gets no probe folders.
  const probeDir = join(dirname(storageRoot), "storage-probe");
  const probe = {
    storageRoot: join(probeDir, "storage"),
    runRoot: join(probeDir, "run"),
    driver: "overlay",
  } as const;
  try {
    await turnOffIdMappedLowerLayers(probe.runRoot);
    const reason = (await overlayInitialises(probe)) ?? (await overlayKeepsOwners(probe));
    if (reason === undefined) {
      await turnOffIdMappedLowerLayers(runRoot);
      return "overlay";
    }
    log.warn("build storage uses vfs (every layer a full copy): overlay is unusable here", {
      reason,
    });
    return "vfs";
  } finally {
    await runProcess({ command: "buildah", args: [...driverFlags(probe), "rm", "--all"] });
    await rm(probeDir, { recursive: true, force: true });
  }
}

/**
 * Makes the overlay driver of the storage using `runRoot` chown a copy of an image's top layer per
 * user-namespace range instead of mounting lower layers id-mapped. With id-mapped lower layers
 * (containers/storage 1.44, buildah 1.28) what a RUN step writes under `--userns auto` lands in the
 * upper layer as host ids and is committed so: the pushed layer had `a 2147483647:2147483647`, and
 * a cached build's second RUN step failed on its `/run`. No storage option turns them off;
 * containers/storage caches its kernel check as `<runRoot>/overlay/idmapped-lower-dir-true` or
 * `-false` and reads it first, so this writes `-false`. The ownership probe checks the outcome.
 */
async function turnOffIdMappedLowerLayers(runRoot: string): Promise<void> {
  const features = join(runRoot, "overlay");
  await mkdir(features, { recursive: true, mode: 0o700 });
  // containers/storage reads "-true" first: it must not exist.
  await rm(join(features, "idmapped-lower-dir-true"), { force: true });
  await writeFile(join(features, "idmapped-lower-dir-false"), "turned off by local-pai\n");
}

/** Undefined when the overlay driver initialises on the probe's graph root, else buildah's reason. */
async function overlayInitialises(probe: DriverFlagsOptions): Promise<string | undefined> {
  const result = await runProcess({
    command: "buildah",
    args: [...driverFlags(probe), "info", "--format", "{{.store.GraphDriverName}}"],
  });
  const output = result.tail.map((line) => line.trim()).filter(Boolean);
  if (result.exitCode === 0 && output.at(-1) === "overlay") return undefined;
  return output.at(-1) ?? `buildah exited with code ${result.exitCode}`;
}

/**
 * Undefined when the probe's overlay storage commits a file that root in a user namespace created
 * as owned by root; else what went wrong. busybox in a scratch image, chroot isolation.
 */
async function overlayKeepsOwners(probe: DriverFlagsOptions): Promise<string | undefined> {
  const buildah = async (...args: string[]) => {
    const result = await runProcess({ command: "buildah", args: [...driverFlags(probe), ...args] });
    const last =
      result.tail
        .map((line) => line.trim())
        .filter(Boolean)
        .at(-1) ?? "";
    if (result.exitCode !== 0) throw new Error(`buildah ${args[0]}: ${last}`);
    return last;
  };
  const mapping = `0:${PROBE_HOST_ID}:${PROBE_RANGE}`;
  try {
    const base = await buildah("from", "scratch");
    await buildah("copy", base, busyboxPath(), "/busybox");
    // A world-writable folder: the scratch image's / is not writable for the namespace's root.
    await buildah("run", "--isolation", "chroot", base, "/busybox", "mkdir", "-m", "1777", "/w");
    await buildah("commit", "-q", base, "probe-base");
    const mapped = await buildah(
      "from",
      "--userns-uid-map",
      mapping,
      "--userns-gid-map",
      mapping,
      "probe-base",
    );
    await buildah("run", "--isolation", "chroot", mapped, "/busybox", "touch", "/w/written");
    await buildah("commit", "-q", mapped, "probe-written");
    const plain = await buildah("from", "probe-written");
    const { uid } = await stat(join(await buildah("mount", plain), "w", "written"));
    if (uid === 0) return undefined;
    return `the overlay driver commits a file root wrote in a user namespace as owned by ${uid}, not 0: images would carry host ids`;
  } catch (error) {
    return `probing the overlay driver: ${(error as Error).message}`;
  }
}

/** A graph root, run root and driver, as buildah's global flags name them. */
interface DriverFlagsOptions {
  storageRoot: string;
  runRoot: string;
  driver: StorageDriver;
}

/**
 * The global buildah flags selecting a graph root, run root and driver.
 *
 * @example
 * driverFlags({ storageRoot: "/d/containers/storage", runRoot: "/d/containers/run", driver: "overlay" });
 * // ["--root", "/d/containers/storage", "--runroot", "/d/containers/run", "--storage-driver", "overlay"]
 */
export function driverFlags({ storageRoot, runRoot, driver }: DriverFlagsOptions): string[] {
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
