/** The cloud half of the base labels: PAI records no base digests, so core HEADs them and sends them as image labels. */
import {
  BASE_LABEL_PREFIX,
  type BaseImageDigest,
  baseImageLabels,
  externalBaseImages,
  MAX_BASE_LABELS,
} from "@imagebuild/pai-client/registry";
import type { CreateImageBuildRequest } from "@imagebuild/schema";
import type { BaseDigestReader } from "./read-base-digests.ts";

/** The most labels a workspace image holds (docs/decisions/local-pai-input-limits.md). */
const MAX_IMAGE_LABELS = 64;

/**
 * The current digest of every external base of `request`'s Dockerfile (the list the local service
 * records, `externalBaseImages`, at most 8), read with `reader`. Throws `BaseDigestError`.
 *
 * @example
 * await readBaseDigests({ request, reader });
 * // [{ reference: "docker.io/library/busybox:1.35", digest: "sha256:…" }]
 */
export async function readBaseDigests({
  request,
  reader,
}: {
  request: CreateImageBuildRequest;
  reader: BaseDigestReader;
}): Promise<BaseImageDigest[]> {
  const references = externalBaseImages(request.BuildConfig.Dockerfile).slice(0, MAX_BASE_LABELS);
  const auths = request.BuildConfig.RegistryAuths;
  return Promise.all(
    references.map(async (reference) => ({
      reference,
      digest: await reader.digestOf(reference, auths),
    })),
  );
}

/**
 * `request` with `Image.Labels` recording `bases` as `imagebuild.base.<n>` (replacing any the spec set,
 * within the image's 64 labels). The ClientToken is derived without them, so a redelivered push keeps
 * its token; the local service replaces them with what it actually built on (the same digests).
 *
 * @example
 * withBaseLabels(request, [{ reference: "docker.io/library/busybox:1.35", digest: "sha256:…" }]).Image.Labels
 * // [{ Key: "team", Value: "platform" }, { Key: "imagebuild.base.0", Value: "docker.io/library/busybox:1.35@sha256:…" }]
 */
export function withBaseLabels(
  request: CreateImageBuildRequest,
  bases: readonly BaseImageDigest[],
): CreateImageBuildRequest {
  const own = (request.Image.Labels ?? []).filter(
    (label) => !label.Key.startsWith(BASE_LABEL_PREFIX),
  );
  const Labels = [...own, ...baseImageLabels(bases)].slice(0, MAX_IMAGE_LABELS);
  return { ...request, Image: { ...request.Image, Labels } };
}
