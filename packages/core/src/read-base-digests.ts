/** Asks registries for the digest a base image reference names now (a HEAD of the manifest), once per reference. */
import {
  headManifestDigest,
  parseImageReference,
  type RegistryCredentials,
  RegistryHttpError,
} from "@imagebuild/pai-client/registry";
import type { CreateImageBuildRequest } from "@imagebuild/schema";
import { SECRET_ENV_PREFIX } from "./secret-scope.ts";

/**
 * Image-name host → the registry that serves its images here, e.g. `{ "docker.io": { host: "127.0.0.1:5000",
 * secret: "LOCAL_REGISTRY" } }`: the function's `IMAGEBUILD_REGISTRY_MIRRORS` (unset in production). The
 * secret's `IMAGEBUILD_SECRET_<NAME>` (`user:password`) is the mirror's login.
 */
export type RegistryMirrors = Readonly<
  Record<string, { host: string; secret?: string | undefined }>
>;

/** A base's digest could not be read; `retryable` when the registry may answer later (5xx, 429, no answer). */
export class BaseDigestError extends Error {
  override readonly name = "BaseDigestError";
  readonly code = "BASE_DIGEST_UNAVAILABLE";
  readonly reference: string;
  readonly retryable: boolean;

  constructor({ reference, cause }: { reference: string; cause: unknown }) {
    const status = cause instanceof RegistryHttpError ? cause.status : undefined;
    const why = cause instanceof Error ? cause.message : String(cause);
    const hint =
      status === 401 || status === 403
        ? ": give the spec RegistryAuths for that registry (a secret bound to it in IMAGEBUILD_SECRET_HOSTS)"
        : "";
    super(`base image ${reference}: its digest could not be read (${why})${hint}`, { cause });
    this.reference = reference;
    this.retryable = status === undefined || status === 429 || status >= 500;
  }
}

/** Reads a base's current digest; `registryAuths` are the request's (resolved), for the registry's login. */
export interface BaseDigestReader {
  digestOf(
    reference: string,
    registryAuths: CreateImageBuildRequest["BuildConfig"]["RegistryAuths"],
  ): Promise<string>;
}

/**
 * A reader that HEADs `reference` (normalised, e.g. `docker.io/library/busybox:1.35`) on its registry, or
 * on the mirror `mirrors` names for its host, with the mirror's secret, else the request's RegistryAuths
 * entry for the registry reached, else anonymously. One HEAD per reference for the reader's life (one
 * tick). A reference pinned by digest names that digest. Throws {@link BaseDigestError}.
 *
 * @example
 * const reader = createBaseDigestReader({ mirrors: { "docker.io": { host: "127.0.0.1:5000" } }, env: {} });
 * await reader.digestOf("docker.io/library/busybox:1.35", undefined); // "sha256:…"
 */
export function createBaseDigestReader({
  mirrors = {},
  env,
}: {
  mirrors?: RegistryMirrors | undefined;
  env: Readonly<Record<string, string | undefined>>;
}): BaseDigestReader {
  const answers = new Map<string, Promise<string>>();
  const head = async (
    reference: string,
    registryAuths: CreateImageBuildRequest["BuildConfig"]["RegistryAuths"],
  ): Promise<string> => {
    const parsed = parseImageReference(reference);
    if (!parsed.ok) throw new Error(parsed.reason);
    const { host, repository, tag, digest } = parsed.value;
    if (digest) return digest;
    const mirror = mirrors[host];
    const pullHost = mirror?.host ?? host;
    const credentials =
      (mirror?.secret ? fromSecret(env, mirror.secret) : undefined) ??
      fromAuth(registryAuths?.[pullHost]?.Auth);
    return headManifestDigest({ host: pullHost, repository, reference: tag, credentials });
  };
  return {
    digestOf(reference, registryAuths) {
      let answer = answers.get(reference);
      if (!answer) {
        answer = head(reference, registryAuths).catch((cause: unknown) => {
          throw new BaseDigestError({ reference, cause });
        });
        answers.set(reference, answer);
      }
      return answer;
    },
  };
}

function fromSecret(
  env: Readonly<Record<string, string | undefined>>,
  secret: string,
): RegistryCredentials | undefined {
  return split(env[SECRET_ENV_PREFIX + secret] ?? "");
}

function fromAuth(auth: string | undefined): RegistryCredentials | undefined {
  return auth ? split(Buffer.from(auth, "base64").toString("utf8")) : undefined;
}

function split(pair: string): RegistryCredentials | undefined {
  const colon = pair.indexOf(":");
  return colon > 0
    ? { username: pair.slice(0, colon), password: pair.slice(colon + 1) }
    : undefined;
}
