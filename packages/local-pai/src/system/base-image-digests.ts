/** Records the digest of every external base image of a Dockerfile (a registry HEAD) as image labels. */
import {
  headManifestDigest,
  parseImageReference,
  type RegistryHttpError,
} from "@imagebuild/pai-client/registry";
import { credentialsFor } from "./registry-auths.ts";
import type { RegistryCredentials, RegistryHandle } from "./types.ts";
import { MIRRORED_REPOSITORIES } from "./write-build-environment.ts";

/** Label keys are `imagebuild.base.<n>`, n counting the external bases from 0 in `FROM` order. */
export const BASE_LABEL_PREFIX = "imagebuild.base.";
/** Most bases recorded: the image list holds 64 labels, the request's own come first. */
export const MAX_BASE_LABELS = 8;
/** The longest label Value the image list accepts (docs/decisions/local-pai-input-limits.md). */
const MAX_LABEL_VALUE_LENGTH = 256;

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
 * (`FROM $BASE`) is unknown before the build and left out.
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
 * HEADs the manifest of each external base of `dockerfile` on the registry it is pulled from (the
 * local registry for the mirrored Docker Hub images, see write-build-environment.ts) and returns its
 * `Docker-Content-Digest`. Throws {@link RegistryHttpError} when a registry answers otherwise than
 * 200 or sends no digest: a build must not register an image whose base it cannot name.
 *
 * @example
 * await resolveBaseImageDigests({ dockerfile: "FROM debian:bookworm\n", registry, decoded: {} });
 * // [{ reference: "docker.io/library/debian:bookworm", digest: "sha256:…" }]
 */
export async function resolveBaseImageDigests({
  dockerfile,
  registry,
  decoded,
}: {
  dockerfile: string;
  registry: RegistryHandle;
  decoded: Record<string, RegistryCredentials>;
}): Promise<BaseImageDigest[]> {
  const references = externalBaseImages(dockerfile).slice(0, MAX_BASE_LABELS);
  return Promise.all(
    references.map(async (reference) => {
      const parsed = parseImageReference(reference);
      if (!parsed.ok) throw new Error(parsed.reason);
      const { host, repository, tag, digest } = parsed.value;
      const name = repository.replace(/^library\//, "");
      const mirrored =
        host === "docker.io" && (MIRRORED_REPOSITORIES as readonly string[]).includes(name);
      const pullHost = mirrored ? registry.host : host;
      const answered = await headManifestDigest({
        host: pullHost,
        repository,
        reference: digest ?? tag,
        credentials: credentialsFor({ host: pullHost, decoded, registry }),
      });
      return { reference, digest: answered };
    }),
  );
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
    .map(({ reference, digest }) => `${reference.replace(/@sha256:[a-f0-9]{64}$/, "")}@${digest}`)
    .filter((value) => value.length <= MAX_LABEL_VALUE_LENGTH)
    .map((Value, n) => ({ Key: `${BASE_LABEL_PREFIX}${n}`, Value }));
}
