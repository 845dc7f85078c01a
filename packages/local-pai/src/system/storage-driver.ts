/** Chooses the containers/storage driver of a data directory's build storage (overlay, or vfs where it cannot mount). */
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { busyboxPath } from "./base-image-archive.ts";
import { runProcess } from "./run-process.ts";
import type { Logger } from "./types.ts";

/** The drivers the build storage may use: overlay shares layers copy-on-write, vfs copies them. */
export const StorageDriverSchema = z.enum(["overlay", "vfs"]);

/** A storage driver of the build storage. */
export type StorageDriver = z.infer<typeof StorageDriverSchema>;

/** The host ids of the probe's user namespace: a block near the top of the 32-bit id space that no image storage gets (image-storage.ts). */
export const PROBE_ID_RANGE = { start: 4_294_836_224, count: 65_536 } as const;

/**
 * Answers "overlay" when buildah's overlay driver initialises in `containersDir` (containers/storage's
 * own check: an overlay mounted over a folder of that file system) and, in a storage opened with a
 * user-namespace id range as its default mapping as every image storage is (image-storage.ts),
 * commits what root in that namespace writes as owned by root; otherwise "vfs", with one logged line
 * giving the reason. Both are checked in a throwaway storage in `containersDir`, removed afterwards
 * (about a second), with the id-mapped lower layers turned off as builds get them
 * (turnOffIdMappedLowerLayers).
 *
 * @example
 * const driver = await chooseStorageDriver({ containersDir: "/srv/.imagebuild/containers", log }); // "overlay"
 */
export async function chooseStorageDriver({
  containersDir,
  log,
}: {
  containersDir: string;
  log: Logger;
}): Promise<StorageDriver> {
  const probeDir = join(containersDir, "storage-probe");
  const probe = {
    storageRoot: join(probeDir, "storage"),
    runRoot: join(probeDir, "run"),
    driver: "overlay",
  } as const;
  try {
    await turnOffIdMappedLowerLayers(probe.runRoot);
    const reason = (await overlayInitialises(probe)) ?? (await overlayKeepsOwners(probe));
    if (reason === undefined) return "overlay";
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
export async function turnOffIdMappedLowerLayers(runRoot: string): Promise<void> {
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
 * Undefined when the probe's overlay storage, opened with the probe's id range as its default
 * mapping, commits a file that root in that user namespace created as owned by root (read back
 * through a container without the mapping, which containers/storage gives a copy shifted back);
 * else what went wrong. busybox in a scratch image, chroot isolation.
 */
async function overlayKeepsOwners(probe: DriverFlagsOptions): Promise<string | undefined> {
  const mapping = `0:${PROBE_ID_RANGE.start}:${PROBE_ID_RANGE.count}`;
  const mapped = [...driverFlags(probe), "--userns-uid-map", mapping, "--userns-gid-map", mapping];
  const buildah = async (flags: string[], ...args: string[]) => {
    const result = await runProcess({ command: "buildah", args: [...flags, ...args] });
    const last =
      result.tail
        .map((line) => line.trim())
        .filter(Boolean)
        .at(-1) ?? "";
    if (result.exitCode !== 0) throw new Error(`buildah ${args[0]}: ${last}`);
    return last;
  };
  try {
    const base = await buildah(mapped, "from", "scratch");
    await buildah(mapped, "copy", base, busyboxPath(), "/busybox");
    await buildah(mapped, "run", "--isolation", "chroot", base, "/busybox", "mkdir", "/w");
    await buildah(mapped, "run", "--isolation", "chroot", base, "/busybox", "touch", "/w/written");
    await buildah(mapped, "commit", "-q", base, "probe-written");
    const plain = await buildah(driverFlags(probe), "from", "probe-written");
    const { uid } = await stat(
      join(await buildah(driverFlags(probe), "mount", plain), "w", "written"),
    );
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
