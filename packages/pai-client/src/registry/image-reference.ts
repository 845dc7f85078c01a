/** Parses an image reference (`host[:port]/path:tag`) the way container tools read it. */

/** The registry Docker Hub short names resolve to. */
export const DEFAULT_REGISTRY = "docker.io";

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REFERENCE = new RegExp(
  `^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$`,
);
const MAX_NAME_LENGTH = 255;

/** A parsed image reference. */
export interface ImageReference {
  /** Registry host with port, e.g. `127.0.0.1:5000` or `docker.io`. */
  host: string;
  /** Repository path inside the registry, e.g. `team/app` or `library/busybox`. */
  repository: string;
  /** The tag, `latest` when none was given. */
  tag: string;
  digest?: string;
}

/**
 * Parses `ref`; returns an error message instead when it is not a valid reference.
 *
 * @example
 * parseImageReference("127.0.0.1:5000/team/app:1.0");
 * // { ok: true, value: { host: "127.0.0.1:5000", repository: "team/app", tag: "1.0" } }
 */
export function parseImageReference(
  ref: string,
): { ok: true; value: ImageReference } | { ok: false; reason: string } {
  const match = REFERENCE.exec(ref);
  if (!match) return { ok: false, reason: `"${ref}" is not a valid image reference` };
  const [, first, path = "", tag, digest] = match;
  // Like Docker: a first component is a registry host only when it looks like one.
  const isHost = first !== undefined && (/[.:]/.test(first) || first === "localhost");
  if (first !== undefined && !isHost && !new RegExp(`^${PATH_COMPONENT}$`).test(first)) {
    return {
      ok: false,
      reason: `"${ref}" is not a valid image reference (repository names are lowercase)`,
    };
  }
  const host = isHost ? first : DEFAULT_REGISTRY;
  let repository = isHost || first === undefined ? path : `${first}/${path}`;
  if (host === DEFAULT_REGISTRY && !repository.includes("/")) repository = `library/${repository}`;
  if (repository.length > MAX_NAME_LENGTH) {
    return { ok: false, reason: `"${ref}": repository name is longer than ${MAX_NAME_LENGTH}` };
  }
  const value: ImageReference = { host, repository, tag: tag ?? "latest" };
  if (digest !== undefined) value.digest = digest;
  return { ok: true, value };
}
