/** Names the layer-cache repository of an image in the local registry: one per image, never shared. */
import { createHash } from "node:crypto";
import type { ImageReference } from "@imagebuild/pai-client/registry";
import type { RegistryHandle } from "./types.ts";

/** The folder of the local registry that holds every image's layer cache. */
export const CACHE_NAMESPACE = "imagebuild-cache";
/** Hex digits of sha256(`host/repository`) in the name: enough that two images never share one. */
const CACHE_HASH_LENGTH = 16;

/**
 * The cache repository (no tag: buildah tags it with each step's cache key) of the image `target`:
 * `<local registry>/imagebuild-cache/<last path component>-<16 hex of sha256(host/repository)>`.
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
  const hash = createHash("sha256")
    .update(`${target.host}/${target.repository}`)
    .digest("hex")
    .slice(0, CACHE_HASH_LENGTH);
  const name = target.repository.split("/").at(-1) ?? "image";
  return `${registry.host}/${CACHE_NAMESPACE}/${name}-${hash}`;
}
