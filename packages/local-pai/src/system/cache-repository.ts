/** Names the layer-cache repository of an image in the local registry: one per image, never shared. */
import type { ImageReference } from "@imagebuild/pai-client/registry";
import { imageKey } from "./image-storage-layout.ts";
import type { RegistryHandle } from "./types.ts";

/** The folder of the local registry that holds every image's layer cache. */
export const CACHE_NAMESPACE = "imagebuild-cache";

/**
 * The cache repository (no tag: buildah tags it with each step's cache key) of the image `target`:
 * `<local registry>/imagebuild-cache/<image key>`, the key its build storage is named by (imageKey:
 * the last path component and 16 hex digits of sha256(host/repository)).
 * Every tag of the same image (every version of a spec) shares it; another image, even with the same
 * last component in another namespace or registry, gets another.
 *
 * @example
 * cacheRepository({ registry, target: { host: "127.0.0.1:5000", repository: "pai/debian-tools", tag: "1.0.0" } });
 * // "127.0.0.1:5000/imagebuild-cache/debian-tools-3f1c0a9d2b7e4c55"
 */
export function cacheRepository({
  registry,
  target,
}: {
  registry: Pick<RegistryHandle, "host">;
  target: Pick<ImageReference, "host" | "repository">;
}): string {
  return `${registry.host}/${CACHE_NAMESPACE}/${imageKey(target)}`;
}
