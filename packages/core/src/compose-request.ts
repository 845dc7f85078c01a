/** Composes the CreateImageBuild request of a layered spec (before its schema check). */
import type { BuildType, SpecBuild } from "@imagebuild/schema";
import type { TagPolicy } from "./types.ts";

const COPIED_BUILD_FIELDS = [
  "Accessibility",
  "WorkspaceId",
  "Resource",
  "UserVpc",
  "TargetRegistry",
  "RegionId",
  "ImageBuildJobName",
] as const;

/**
 * Copies the build fields, sets the Dockerfile and the image; `Image.Name` defaults to the folder name and
 * `Image.Uri` to `<registry>/<imageName>:<version>` (then `composedUri` is true).
 *
 * @example
 * composeRequest({ build: {}, buildType: "CustomDockerfile", dockerfile: "FROM busybox:1.36\n", tag: "immutable",
 *   registry: "localhost:5000", imageName: "a", version: "1.0" }).uri; // "localhost:5000/a:1.0"
 */
export function composeRequest({
  build,
  buildType,
  dockerfile,
  tag,
  registry,
  imageName,
  version,
}: {
  build: SpecBuild;
  buildType: BuildType;
  dockerfile: string | undefined;
  tag: TagPolicy;
  registry: string | undefined;
  imageName: string;
  version: string;
}): {
  request: Record<string, unknown>;
  name: string;
  uri: string | undefined;
  composedUri: boolean;
} {
  const image = build.Image ?? {};
  const name = image.Name ?? imageName;
  const composedUri = image.Uri === undefined && registry !== undefined;
  const uri =
    image.Uri ?? (registry !== undefined ? `${registry}/${imageName}:${version}` : undefined);
  const request: Record<string, unknown> = {};
  // Indexed: an unoptimized for-of allocates a result object per step (docs/decisions/core-validation-speed.md).
  for (let index = 0; index < COPIED_BUILD_FIELDS.length; index += 1) {
    const key = COPIED_BUILD_FIELDS[index] as (typeof COPIED_BUILD_FIELDS)[number];
    if (build[key] !== undefined) request[key] = build[key];
  }
  if (tag === "overwrite") request.OverwriteImageTag = true;
  request.BuildConfig = {
    BuildType: buildType,
    ...(dockerfile !== undefined ? { Dockerfile: dockerfile } : {}),
  };
  request.Image = {
    Name: name,
    ...(image.Description !== undefined ? { Description: image.Description } : {}),
    ...(uri !== undefined ? { Uri: uri } : {}),
    ...(image.Labels !== undefined ? { Labels: image.Labels } : {}),
  };
  return { request, name, uri, composedUri };
}
