/** One build storage per image, each in a user-namespace id range of its own, kept between the image's builds. */
import { mkdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { ImageReference } from "@imagebuild/pai-client/registry";
import { type SubordinateRange, subordinateRanges } from "./ensure-subordinate-ids.ts";
import { acquireKeyedLock, isKeyHeld } from "./keyed-lock.ts";
import { imageKey, imageStoragePaths, listImageStorages } from "./image-storage-layout.ts";
import { releaseStorage } from "./release-build-storage.ts";
import { driverFlags, PROBE_ID_RANGE, turnOffIdMappedLowerLayers } from "./storage-driver.ts";
import type { BuildEnvironment, Logger } from "./types.ts";

/** Ids in a build's user namespace: root and the 16-bit ids images use (apt's `_apt`, `nobody` 65534). */
export const ID_RANGE_SIZE = 65_536;
/** The file in an image's storage folder that records its id range; its mtime is the last build's start. */
const RANGE_FILE = "id-range.json";
const RangeFileSchema = z.object({ slot: z.number().int().nonnegative() });

/**
 * An image's build storage: its graph and run roots, and the first host uid and gid of the
 * {@link ID_RANGE_SIZE} ids its layers are stored in and its RUN steps run as.
 */
export interface ImageStorage {
  storageRoot: string;
  runRoot: string;
  hostUid: number;
  hostGid: number;
}

/**
 * Opens the build storage of the image `target` under `environment.imageStorages`, creating it on
 * its first build, and holds it: a second build of the same image waits until `release` is called.
 * Each storage has an id range of its own, cut from the `containers` subordinate ranges and recorded
 * beside it, and is opened with it as its default mapping (`--userns-uid-map` as a global flag): its
 * layers are stored in that range and its RUN steps run in it, so no step container needs a chowned
 * copy of its image, and the step images a build leaves are reused by the image's next build without
 * a copy either. Builds of different images run at once, in different ranges; when every range is
 * taken, the storage of the image built least recently (and not building) is removed and its range
 * reused.
 *
 * @example
 * const { storage, release } = await openImageStorage({ environment, target, log });
 * try { await buildah([...imageStorageFlags(environment, storage), "bud", "."]); } finally { release(); }
 */
export async function openImageStorage({
  environment,
  target,
  log,
  ranges,
  onWait,
}: {
  environment: BuildEnvironment;
  target: Pick<ImageReference, "host" | "repository">;
  log: Logger;
  /** Called once, before waiting, when another build of the image holds its storage. */
  onWait?: () => void;
  /** The subordinate ranges to cut from; default: /etc/subuid's and /etc/subgid's `containers` ranges. */
  ranges?: { uid: SubordinateRange; gid: SubordinateRange };
}): Promise<{ storage: ImageStorage; release: () => void }> {
  const key = imageKey(target);
  if (isKeyHeld(storageLockKey(key))) onWait?.();
  const release = await acquireKeyedLock(storageLockKey(key));
  try {
    const { uid, gid } = ranges ?? (await subordinateRanges({}));
    const slot = await withRangeTable(() =>
      rangeSlot({ environment, key, log, ranges: { uid, gid } }),
    );
    const { storageRoot, runRoot } = imageStoragePaths(environment.imageStorages, key);
    const storage: ImageStorage = {
      storageRoot,
      runRoot,
      hostUid: uid.start + slot * ID_RANGE_SIZE,
      hostGid: gid.start + slot * ID_RANGE_SIZE,
    };
    await mkdir(storage.storageRoot, { recursive: true });
    if (environment.storageDriver === "overlay") await turnOffIdMappedLowerLayers(storage.runRoot);
    return { storage, release };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * The global buildah flags that open an image's build storage: its roots, the environment's driver,
 * and its id range as the default mapping of its layers and containers.
 *
 * @example
 * imageStorageFlags(environment, storage);
 * // ["--root", "…/images/app-…/storage", "--runroot", "…/run", "--storage-driver", "overlay",
 * //  "--userns-uid-map", "0:2147549183:65536", "--userns-gid-map", "0:2147549183:65536"]
 */
export function imageStorageFlags(environment: BuildEnvironment, storage: ImageStorage): string[] {
  return [
    ...driverFlags({ ...storage, driver: environment.storageDriver }),
    "--userns-uid-map",
    `0:${storage.hostUid}:${ID_RANGE_SIZE}`,
    "--userns-gid-map",
    `0:${storage.hostGid}:${ID_RANGE_SIZE}`,
  ];
}

const RANGE_TABLE_LOCK = "image-storage-ranges";
const storageLockKey = (key: string) => `image-storage:${key}`;

async function withRangeTable<T>(work: () => Promise<T>): Promise<T> {
  const release = await acquireKeyedLock(RANGE_TABLE_LOCK);
  try {
    return await work();
  } finally {
    release();
  }
}

/** The image's recorded slot (its range file touched), or a free one recorded for it. */
async function rangeSlot({
  environment,
  key,
  log,
  ranges,
}: {
  environment: BuildEnvironment;
  key: string;
  log: Logger;
  ranges: { uid: SubordinateRange; gid: SubordinateRange };
}): Promise<number> {
  const slots = usableSlots(ranges);
  if (slots.length === 0) {
    throw new Error(
      `the "containers" subordinate ranges hold no ${ID_RANGE_SIZE} ids for a build storage`,
    );
  }
  const file = join(environment.imageStorages, key, RANGE_FILE);
  const own = await recordedSlot(file);
  if (own !== undefined && slots.includes(own)) {
    const now = new Date();
    await utimes(file, now, now);
    return own;
  }
  if (own !== undefined) {
    // The subordinate ranges changed: the layers are stored in ids no longer ours.
    await removeImageStorage({ environment, key, log });
  }
  const taken = new Map<number, { name: string; builtMs: number }>();
  for (const { key: name, dir } of await listImageStorages(environment.imageStorages)) {
    if (name === key) continue;
    const slot = await recordedSlot(join(dir, RANGE_FILE));
    if (slot === undefined) continue;
    const builtMs = (await stat(join(dir, RANGE_FILE))).mtimeMs;
    taken.set(slot, { name, builtMs });
  }
  let slot = slots.find((candidate) => !taken.has(candidate));
  if (slot === undefined) {
    const idle = [...taken.entries()]
      .filter(
        ([candidate, { name }]) => slots.includes(candidate) && !isKeyHeld(storageLockKey(name)),
      )
      .sort(([, a], [, b]) => a.builtMs - b.builtMs)[0];
    if (idle === undefined) {
      throw new Error(
        `every id range for build storages is in use (${slots.length}, by images building now); widen the "containers" ranges of /etc/subuid and /etc/subgid`,
      );
    }
    const [freed, { name }] = idle;
    log.warn(
      "removing the build storage of the image built least recently, to reuse its id range",
      {
        image: name,
      },
    );
    await removeImageStorage({ environment, key: name, log });
    slot = freed;
  }
  await mkdir(join(environment.imageStorages, key), { recursive: true });
  await writeFile(file, `${JSON.stringify({ slot })}\n`);
  return slot;
}

/** Deletes an image's build storage folder after releasing its containers and mounts. */
async function removeImageStorage({
  environment,
  key,
  log,
}: {
  environment: BuildEnvironment;
  key: string;
  log: Logger;
}): Promise<void> {
  const paths = imageStoragePaths(environment.imageStorages, key);
  await releaseStorage({ ...paths, driver: environment.storageDriver, log });
  await rm(paths.dir, { recursive: true, force: true });
}

async function recordedSlot(file: string): Promise<number | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = RangeFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.slot : undefined;
  } catch {
    return undefined;
  }
}

/** The slots (blocks of ID_RANGE_SIZE ids) both ranges hold, without the storage-driver probe's block. */
function usableSlots({ uid, gid }: { uid: SubordinateRange; gid: SubordinateRange }): number[] {
  const count = Math.floor(Math.min(uid.count, gid.count) / ID_RANGE_SIZE);
  const overlapsProbe = (start: number) =>
    start < PROBE_ID_RANGE.start + PROBE_ID_RANGE.count &&
    start + ID_RANGE_SIZE > PROBE_ID_RANGE.start;
  const slots: number[] = [];
  for (let slot = 0; slot < count; slot++) {
    const offset = slot * ID_RANGE_SIZE;
    if (!overlapsProbe(uid.start + offset) && !overlapsProbe(gid.start + offset)) slots.push(slot);
  }
  return slots;
}
