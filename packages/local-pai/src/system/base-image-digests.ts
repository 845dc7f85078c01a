/** HEADs every external base image of a Dockerfile where the local service pulls it, for the `imagebuild.base.<n>` labels. */
import {
  type BaseImageDigest,
  externalBaseImages,
  headManifestDigest,
  MAX_BASE_LABELS,
  parseImageReference,
  type RegistryHttpError,
} from "@imagebuild/pai-client/registry";
import { credentialsFor } from "./registry-auths.ts";
import type { RegistryCredentials, RegistryHandle } from "./types.ts";
import { MIRRORED_REPOSITORIES } from "./write-build-environment.ts";

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
