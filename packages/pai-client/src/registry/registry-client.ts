/** A minimal OCI distribution client: manifest lookups and `/v2/` probes with Basic or Bearer auth. */
/** A user name and password (or token) for one registry. */
export interface RegistryCredentials {
  username: string;
  password: string;
}

/** Manifest media types a lookup accepts (single images and indexes, OCI and Docker). */
export const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
].join(", ");
/**
 * A registry answered a request with an unexpected HTTP status.
 *
 * @example
 * if (error instanceof RegistryHttpError && error.status === 401) return "RegistryAuthFailed";
 */
export class RegistryHttpError extends Error {
  override readonly name = "RegistryHttpError";
  readonly code = "REGISTRY_HTTP_ERROR";
  readonly status: number;

  constructor({ message, status }: { message: string; status: number }) {
    super(message);
    this.status = status;
  }
}

/** How long one registry request may take. */
const REGISTRY_TIMEOUT_MS = 10_000;

/** Registries whose distribution API is served on another host than the one image references name. */
const API_HOSTS: Readonly<Record<string, string>> = { "docker.io": "registry-1.docker.io" };

/**
 * The base URL of a registry host: plain HTTP for loopback registries, HTTPS otherwise; Docker Hub's
 * image-name host `docker.io` is served by `registry-1.docker.io`.
 *
 * @example
 * registryBaseUrl("127.0.0.1:5000"); // "http://127.0.0.1:5000"
 * registryBaseUrl("docker.io"); // "https://registry-1.docker.io"
 */
export function registryBaseUrl(host: string): string {
  const plain = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);
  return `${plain ? "http" : "https"}://${API_HOSTS[host] ?? host}`;
}

/**
 * Sends a request to a registry, answering a 401 challenge once with Basic auth or a Bearer token
 * fetched from the challenge's realm.
 *
 * @example
 * const res = await registryFetch({ url: "http://127.0.0.1:5000/v2/", credentials });
 */
export async function registryFetch({
  url,
  method = "GET",
  headers = {},
  credentials,
}: {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  credentials?: RegistryCredentials | undefined;
}): Promise<Response> {
  const send = (extra: Record<string, string>) =>
    fetch(url, {
      method,
      headers: { ...headers, ...extra },
      signal: AbortSignal.timeout(REGISTRY_TIMEOUT_MS),
    });
  const basic = credentials
    ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`
    : undefined;
  const first = await send({});
  if (first.status !== 401) return first;
  const challenge = first.headers.get("www-authenticate") ?? "";
  await first.body?.cancel();
  if (/^basic/i.test(challenge)) return basic ? send({ Authorization: basic }) : first;
  if (/^bearer/i.test(challenge)) {
    const token = await fetchBearerToken({ challenge, basic });
    return token ? send({ Authorization: `Bearer ${token}` }) : first;
  }
  return first;
}

async function fetchBearerToken({
  challenge,
  basic,
}: {
  challenge: string;
  basic: string | undefined;
}): Promise<string | undefined> {
  const params = Object.fromEntries(
    [...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
  if (!params.realm) return undefined;
  const tokenUrl = new URL(params.realm);
  for (const key of ["service", "scope"]) {
    if (params[key]) tokenUrl.searchParams.set(key, params[key]);
  }
  const res = await fetch(tokenUrl, {
    headers: basic ? { Authorization: basic } : {},
    signal: AbortSignal.timeout(REGISTRY_TIMEOUT_MS),
  });
  if (!res.ok) {
    await res.body?.cancel();
    return undefined;
  }
  const body = (await res.json()) as { token?: string; access_token?: string };
  return body.token ?? body.access_token;
}

/** One manifest of one repository on one registry; `reference` is a tag or a digest. */
interface ManifestAddress {
  host: string;
  repository: string;
  reference: string;
  credentials?: RegistryCredentials | undefined;
}

/**
 * A HEAD or GET of a manifest, accepting indexes and single-image manifests. Throws
 * {@link RegistryHttpError} for any answer but 2xx, or 404 when `missingOk`; a HEAD's body is
 * released here.
 */
async function requestManifest(
  method: "HEAD" | "GET",
  { host, repository, reference, credentials }: ManifestAddress,
  { missingOk = false }: { missingOk?: boolean } = {},
): Promise<Response> {
  const res = await registryFetch({
    url: `${registryBaseUrl(host)}/v2/${repository}/manifests/${encodeURIComponent(reference)}`,
    method,
    headers: { Accept: MANIFEST_ACCEPT },
    credentials,
  });
  if (method === "HEAD" || !res.ok) await res.body?.cancel();
  if (res.ok || (missingOk && res.status === 404)) return res;
  throw new RegistryHttpError({
    message: `${method} ${host}/${repository}:${reference}: registry answered ${res.status}`,
    status: res.status,
  });
}

/**
 * True when `repository:tag` exists in the registry at `host`.
 *
 * @example
 * await manifestExists({ host: "127.0.0.1:5000", repository: "team/app", tag: "1.0" });
 */
export async function manifestExists({
  tag,
  ...address
}: Omit<ManifestAddress, "reference"> & { tag: string }): Promise<boolean> {
  const res = await requestManifest("HEAD", { ...address, reference: tag }, { missingOk: true });
  return res.ok;
}

/**
 * The `Docker-Content-Digest` a HEAD of the manifest `repository:reference` answers: what the tag
 * names now (the index digest for a multi-platform image), without counting as a pull. Throws
 * {@link RegistryHttpError} when the registry answers otherwise than 200 or sends no digest.
 *
 * @example
 * await headManifestDigest({ host: "127.0.0.1:5000", repository: "library/debian", reference: "bookworm" });
 * // "sha256:…"
 */
export async function headManifestDigest(address: ManifestAddress): Promise<string> {
  const res = await requestManifest("HEAD", address);
  const digest = res.headers.get("docker-content-digest");
  if (digest) return digest;
  const { host, repository, reference } = address;
  throw new RegistryHttpError({
    message: `HEAD ${host}/${repository}:${reference}: registry answered ${res.status} without Docker-Content-Digest`,
    status: res.status,
  });
}

/**
 * Fetches a manifest and returns its digest and the total size of the image (config plus layers).
 *
 * @example
 * const { digest, sizeBytes } = await fetchImageSize({ host, repository: "team/app", reference: "1.0" });
 */
export async function fetchImageSize(
  address: ManifestAddress,
): Promise<{ digest: string; sizeBytes: number }> {
  const res = await requestManifest("GET", address);
  const manifest = (await res.json()) as {
    config?: { size?: number };
    layers?: { size?: number }[];
  };
  const sizeBytes =
    (manifest.config?.size ?? 0) +
    (manifest.layers ?? []).reduce((sum, layer) => sum + (layer.size ?? 0), 0);
  const digest = res.headers.get("docker-content-digest") ?? address.reference;
  return { digest, sizeBytes };
}

/**
 * The configuration digest of the image manifest `repository:tag` (in containers/storage, the
 * image's id).
 *
 * @example
 * await fetchConfigDigest({ host, repository: "imagebuild-cache/tools-3f1c0a9d2b7e4c55", tag: "5d2e…" });
 */
export async function fetchConfigDigest({
  tag,
  ...address
}: Omit<ManifestAddress, "reference"> & { tag: string }): Promise<string | undefined> {
  const res = await requestManifest("GET", { ...address, reference: tag });
  const manifest = (await res.json()) as { config?: { digest?: string } };
  return manifest.config?.digest;
}
