/** The base-change comparison: for each due spec, do the bases its current image was built on still have those digests? */
import { type BaseImageDigest, readBaseImageLabels } from "@imagebuild/pai-client/registry";
import { createRateLimiter } from "./create-rate-limiter.ts";
import { DEFAULT_DISPATCH_RATE_PER_SECOND } from "./dispatch-defaults.ts";
import { findCurrentImage } from "./find-current-image.ts";
import type { PaiClientLike } from "./pai-client-like.ts";
import { BaseDigestError, type BaseDigestReader } from "./read-base-digests.ts";
import type { DispatchItem } from "./types.ts";

/** A base whose tag names another digest than the one the image was built on. */
export interface ChangedBase {
  reference: string;
  /** The digest the image's label records. */
  was: string;
  /** What the registry answers now. */
  now: string;
}

/**
 * The verdict for one spec: `changed` (rebuild it; `bases` are every recorded base with its digest now),
 * `unchanged`, or `unknown` (never built, or its image records no base digests: built before they were
 * recorded, or on an `ARG`-made base), which is not a change. `imageUri` is the image compared.
 */
export type BaseChange =
  | {
      file: string;
      status: "changed";
      imageUri: string;
      changed: ChangedBase[];
      bases: BaseImageDigest[];
    }
  | { file: string; status: "unchanged"; imageUri: string }
  | { file: string; status: "unknown"; reason: string }
  | {
      file: string;
      status: "failed";
      error: { code: string; message: string; retryable: boolean };
    };

/**
 * Compares each item's current workspace image (`findCurrentImage`) with its registries: every
 * `imagebuild.base.<n>` label is HEADed (a base pinned by digest cannot change) through `reader`, with
 * the item's resolved RegistryAuths. Results are in the order of `items`. A registry that cannot be read
 * makes that spec `failed` with the `BaseDigestError` (code `BASE_DIGEST_UNAVAILABLE`, `retryable` for
 * 5xx and no answer); a ListImages error throws. ListImages calls are paced at `ratePerSecond`, as
 * dispatch paces CreateImageBuild, so a tick over many specs is not throttled by the API.
 *
 * @example
 * const changes = await findBaseChanges({ items, client, reader });
 * // [{ file: "specs/busybox-hello/1.0.0.yaml", status: "changed", changed: [{ reference: "docker.io/library/busybox:1.35", was: "sha256:…", now: "sha256:…" }], … }]
 */
export async function findBaseChanges({
  items,
  client,
  reader,
  ratePerSecond = DEFAULT_DISPATCH_RATE_PER_SECOND,
  signal,
}: {
  items: readonly DispatchItem[];
  client: PaiClientLike;
  reader: BaseDigestReader;
  ratePerSecond?: number | undefined;
  signal?: AbortSignal | undefined;
}): Promise<BaseChange[]> {
  const limiter = createRateLimiter({ ratePerSecond });
  return Promise.all(
    items.map(async ({ spec, request }): Promise<BaseChange> => {
      await limiter.take();
      const image = await findCurrentImage({ client, spec, signal });
      if (!image)
        return {
          file: spec.file,
          status: "unknown",
          reason: `no image ${spec.request.Image.Uri} in workspace ${spec.request.WorkspaceId} yet: nothing to compare (a push builds it)`,
        };
      const recorded = readBaseImageLabels(image.Labels);
      if (recorded.length === 0)
        return {
          file: spec.file,
          status: "unknown",
          reason: `${image.ImageUri} records no base digests (imagebuild.base.<n> labels): built before they were recorded, or on an ARG-made base; its next build records them`,
        };
      let bases: ChangedBase[];
      try {
        bases = await Promise.all(
          recorded.map(async ({ reference, digest }) => ({
            reference,
            was: digest,
            now: pinned(reference)
              ? digest
              : await reader.digestOf(reference, request.BuildConfig.RegistryAuths),
          })),
        );
      } catch (error) {
        if (!(error instanceof BaseDigestError)) throw error;
        const { code, message, retryable } = error;
        return { file: spec.file, status: "failed", error: { code, message, retryable } };
      }
      const changed = bases.filter((base) => base.now !== base.was);
      if (changed.length === 0)
        return { file: spec.file, status: "unchanged", imageUri: image.ImageUri };
      return {
        file: spec.file,
        status: "changed",
        imageUri: image.ImageUri,
        changed,
        bases: bases.map(({ reference, now }) => ({ reference, digest: now })),
      };
    }),
  );
}

// A label of a FROM pinned by digest keeps `host/repository` only: no tag to move.
function pinned(reference: string): boolean {
  return !/:[^/:]+$/.test(reference.slice(reference.indexOf("/") + 1));
}
