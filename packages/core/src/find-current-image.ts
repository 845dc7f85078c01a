/** Finds the workspace image a spec's last build registered, with its labels (where base digests are kept). */
import type { WorkspaceImage } from "@imagebuild/schema";
import type { PaiClientLike } from "./pai-client-like.ts";
import type { ResolvedSpec } from "./types.ts";

/** A `dated` spec's day tag: `<tag>-yyyymmdd`. */
const DAY_TAG = /^-\d{8}$/;

/**
 * The newest image of the spec's workspace whose URI is the spec's `Image.Uri` or, for a `dated` spec,
 * one of its day tags (`…:1.0.0-20261201`; the latest day wins), read with `Verbose=true` so its labels
 * come along. ListImages filters by `Name` (fuzzy in PAI), so the URI is compared here. Undefined when
 * the spec was never built there.
 *
 * @example
 * const image = await findCurrentImage({ client, spec });
 * image?.Labels; // [{ Key: "imagebuild.base.0", Value: "docker.io/library/busybox:1.35@sha256:…" }, …]
 */
export async function findCurrentImage({
  client,
  spec,
  signal,
}: {
  client: PaiClientLike;
  spec: ResolvedSpec;
  signal?: AbortSignal | undefined;
}): Promise<WorkspaceImage | undefined> {
  const { Image, WorkspaceId } = spec.request;
  const response = await client.listImages(
    { WorkspaceId, Name: Image.Name, Verbose: "true", PageSize: "100" },
    signal ? { signal } : undefined,
  );
  const ours = (uri: string) =>
    uri === Image.Uri ||
    (spec.policy.tag === "dated" &&
      uri.startsWith(Image.Uri) &&
      DAY_TAG.test(uri.slice(Image.Uri.length)));
  const newest = (image: WorkspaceImage) =>
    `${image.ImageUri.slice(Image.Uri.length)}|${image.GmtModifiedTime ?? image.GmtCreateTime ?? ""}`;
  return response.Images.filter((image) => ours(image.ImageUri)).sort((a, b) =>
    newest(b).localeCompare(newest(a)),
  )[0];
}
