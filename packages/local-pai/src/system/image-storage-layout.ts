/** Where each image's build storage lives, and what it is called. */
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { ImageReference } from "@imagebuild/pai-client/registry";

/** The folder of `<dataDir>/containers` that holds one build storage per image. */
export const IMAGE_STORAGES_FOLDER = "images";

/** Hex digits of sha256(`host/repository`) in an image's key: enough that two images never share one. */
const KEY_HASH_LENGTH = 16;

/** The folders of one image's build storage. */
export interface ImageStoragePaths {
  /** The image's folder: the storage's two roots and its id-range record. */
  dir: string;
  storageRoot: string;
  runRoot: string;
}

/**
 * The name of an image's build storage and layer-cache repository: its repository's last path
 * component and 16 hex digits of sha256(`host/repository`). Every tag of an image shares it; another
 * image, even with the same last component in another namespace or registry, gets another.
 *
 * @example
 * imageKey({ host: "127.0.0.1:5000", repository: "pai/debian-tools" }); // "debian-tools-3f1c0a9d2b7e4c55"
 */
export function imageKey(target: Pick<ImageReference, "host" | "repository">): string {
  const hash = createHash("sha256")
    .update(`${target.host}/${target.repository}`)
    .digest("hex")
    .slice(0, KEY_HASH_LENGTH);
  return `${target.repository.split("/").at(-1) ?? "image"}-${hash}`;
}

/**
 * The folders of the build storage named `key` in `imageStorages`.
 *
 * @example
 * imageStoragePaths("/d/containers/images", "app-3f1c0a9d2b7e4c55").storageRoot; // "/d/containers/images/app-3f1c0a9d2b7e4c55/storage"
 */
export function imageStoragePaths(imageStorages: string, key: string): ImageStoragePaths {
  const dir = join(imageStorages, key);
  return { dir, storageRoot: join(dir, "storage"), runRoot: join(dir, "run") };
}

/**
 * The build storages in `imageStorages` (one per image built there), by key.
 *
 * @example
 * await listImageStorages("/srv/.imagebuild/containers/images"); // [{ key: "app-3f1c…", dir: "…", … }]
 */
export async function listImageStorages(
  imageStorages: string,
): Promise<(ImageStoragePaths & { key: string })[]> {
  const keys = await readdir(imageStorages).catch(() => [] as string[]);
  return keys.map((key) => ({ key, ...imageStoragePaths(imageStorages, key) }));
}
