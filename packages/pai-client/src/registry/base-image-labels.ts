/** The external base images of a Dockerfile and the `imagebuild.base.<n>` image labels that record their digests. */
import { parseImageReference } from "./image-reference.ts";

/** Label keys are `imagebuild.base.<n>`, n counting the external bases from 0 in `FROM` order. */
export const BASE_LABEL_PREFIX = "imagebuild.base.";
/** Most bases recorded: the image list holds 64 labels, the request's own come first. */
export const MAX_BASE_LABELS = 8;
/** The longest label Value the image list accepts (docs/decisions/local-pai-input-limits.md). */
const MAX_LABEL_VALUE_LENGTH = 256;
const BASE_LABEL_KEY = /^imagebuild\.base\.(\d+)$/;

/** One external base image and the digest its registry answered for it. */
export interface BaseImageDigest {
  /** `host/repository:tag` (or `@sha256:…` when the FROM pinned one), Docker Hub names spelled out. */
  reference: string;
  /** `Docker-Content-Digest` of a HEAD of the manifest: the index digest when the tag is an index. */
  digest: string;
}

/**
 * The external base images of `dockerfile`: each `FROM` image (and `COPY --from=` image) that is not
 * a stage of the same Dockerfile nor `scratch`, normalised (`debian:bookworm` →
 * `docker.io/library/debian:bookworm`), in order, without repeats. A reference built from an `ARG`
 * (`FROM $BASE`) is unknown before the build and left out. The local service records what it
 * builds on from this list and core, for the cloud, HEADs the same list before it submits.
 *
 * @example
 * externalBaseImages("FROM debian:bookworm AS b\nFROM b\nCOPY --from=busybox /bin/sh /sh\n");
 * // ["docker.io/library/debian:bookworm", "docker.io/library/busybox:latest"]
 */
export function externalBaseImages(dockerfile: string): string[] {
  const stages = new Set<string>();
  const out: string[] = [];
  const add = (image: string | undefined) => {
    if (!image || image.includes("$") || image === "scratch" || /^\d+$/.test(image)) return;
    if (stages.has(image.toLowerCase())) return;
    const parsed = parseImageReference(image);
    if (!parsed.ok) return;
    const { host, repository, tag, digest } = parsed.value;
    const normalised = digest ? `${host}/${repository}@${digest}` : `${host}/${repository}:${tag}`;
    if (!out.includes(normalised)) out.push(normalised);
  };
  for (const line of dockerfile.split("\n")) {
    const from = /^\s*FROM\s+(.*)$/i.exec(line);
    if (from) {
      const words = (from[1] ?? "")
        .trim()
        .split(/\s+/)
        .filter((w) => !w.startsWith("--"));
      add(words[0]);
      if (words[1]?.toLowerCase() === "as" && words[2]) stages.add(words[2].toLowerCase());
      continue;
    }
    const copyFrom = /^\s*COPY\s.*--from=(\S+)/i.exec(line);
    if (copyFrom) add(copyFrom[1]);
  }
  return out;
}

/**
 * The workspace labels that record `bases`: `imagebuild.base.<n>` = `<reference>@<digest>` (a
 * reference that already names a digest keeps only the answered one). A Value over 256 characters
 * cannot be stored and is left out.
 *
 * @example
 * baseImageLabels([{ reference: "docker.io/library/debian:bookworm", digest: "sha256:ab…" }]);
 * // [{ Key: "imagebuild.base.0", Value: "docker.io/library/debian:bookworm@sha256:ab…" }]
 */
export function baseImageLabels(
  bases: readonly BaseImageDigest[],
): { Key: string; Value: string }[] {
  return bases
    .map(({ reference, digest }) => `${withoutDigest(reference)}@${digest}`)
    .filter((value) => value.length <= MAX_LABEL_VALUE_LENGTH)
    .map((Value, n) => ({ Key: `${BASE_LABEL_PREFIX}${n}`, Value }));
}

/**
 * The bases an image's labels record, in label order: each `imagebuild.base.<n>` Value split at its
 * last `@` into the reference to HEAD and the digest it had. Other labels, and a Value that names no
 * digest, are ignored; none at all means the image was built before this scheme (unknown).
 *
 * @example
 * readBaseImageLabels([{ Key: "imagebuild.base.0", Value: "docker.io/library/busybox:1.35@sha256:ab…" }]);
 * // [{ reference: "docker.io/library/busybox:1.35", digest: "sha256:ab…" }]
 */
export function readBaseImageLabels(
  labels: readonly { Key: string; Value?: string | undefined }[] | undefined,
): BaseImageDigest[] {
  return (labels ?? [])
    .map((label) => ({ n: BASE_LABEL_KEY.exec(label.Key)?.[1], value: label.Value ?? "" }))
    .filter((label) => label.n !== undefined && /@sha256:[a-f0-9]{64}$/.test(label.value))
    .sort((a, b) => Number(a.n) - Number(b.n))
    .map(({ value }) => {
      const at = value.lastIndexOf("@");
      return { reference: value.slice(0, at), digest: value.slice(at + 1) };
    });
}

function withoutDigest(reference: string): string {
  return reference.replace(/@sha256:[a-f0-9]{64}$/, "");
}
