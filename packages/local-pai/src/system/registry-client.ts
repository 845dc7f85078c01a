/** A minimal OCI distribution client: manifest lookups and `/v2/` probes with Basic or Bearer auth. */
import type { RegistryCredentials } from "./types.ts";

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

/**
 * The base URL of a registry host: plain HTTP for loopback registries, HTTPS otherwise.
 *
 * @example
 * registryBaseUrl("127.0.0.1:5000"); // "http://127.0.0.1:5000"
 */
export function registryBaseUrl(host: string): string {
  const plain = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);
  return `${plain ? "http" : "https"}://${host}`;
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
  credentials?: RegistryCredentials;
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

/**
 * True when `repository:tag` exists in the registry at `host`.
 *
 * @example
 * await manifestExists({ host: "127.0.0.1:5000", repository: "team/app", tag: "1.0" });
 */
export async function manifestExists({
  host,
  repository,
  tag,
  credentials,
}: {
  host: string;
  repository: string;
  tag: string;
  credentials?: RegistryCredentials;
}): Promise<boolean> {
  const res = await registryFetch({
    url: `${registryBaseUrl(host)}/v2/${repository}/manifests/${encodeURIComponent(tag)}`,
    method: "HEAD",
    headers: { Accept: MANIFEST_ACCEPT },
    credentials,
  });
  await res.body?.cancel();
  if (res.status === 404) return false;
  if (res.ok) return true;
  throw new RegistryHttpError({
    message: `HEAD ${host}/${repository}:${tag}: registry answered ${res.status}`,
    status: res.status,
  });
}

/**
 * Fetches a manifest and returns its digest and the total size of the image (config plus layers).
 *
 * @example
 * const { digest, sizeBytes } = await fetchImageSize({ host, repository: "team/app", reference: "1.0" });
 */
export async function fetchImageSize({
  host,
  repository,
  reference,
  credentials,
}: {
  host: string;
  repository: string;
  reference: string;
  credentials?: RegistryCredentials;
}): Promise<{ digest: string; sizeBytes: number }> {
  const res = await registryFetch({
    url: `${registryBaseUrl(host)}/v2/${repository}/manifests/${encodeURIComponent(reference)}`,
    headers: { Accept: MANIFEST_ACCEPT },
    credentials,
  });
  if (!res.ok) {
    await res.body?.cancel();
    throw new RegistryHttpError({
      message: `GET ${host}/${repository}@${reference}: registry answered ${res.status}`,
      status: res.status,
    });
  }
  const text = await res.text();
  const manifest = JSON.parse(text) as {
    config?: { size?: number };
    layers?: { size?: number }[];
  };
  const sizeBytes =
    (manifest.config?.size ?? 0) +
    (manifest.layers ?? []).reduce((sum, layer) => sum + (layer.size ?? 0), 0);
  const digest = res.headers.get("docker-content-digest") ?? reference;
  return { digest, sizeBytes };
}

/**
 * The configuration digest of the image manifest `repository:reference` (in containers/storage,
 * the image's id).
 *
 * @example
 * await fetchConfigDigest({ host, repository: "imagebuild-cache/tools-3f1c0a9d2b7e4c55", tag: "5d2e…" });
 */
export async function fetchConfigDigest({
  host,
  repository,
  tag,
  credentials,
}: {
  host: string;
  repository: string;
  tag: string;
  credentials?: RegistryCredentials | undefined;
}): Promise<string | undefined> {
  const res = await registryFetch({
    url: `${registryBaseUrl(host)}/v2/${repository}/manifests/${encodeURIComponent(tag)}`,
    headers: { Accept: MANIFEST_ACCEPT },
    credentials,
  });
  if (!res.ok) {
    await res.body?.cancel();
    throw new RegistryHttpError({
      message: `GET ${host}/${repository}:${tag}: registry answered ${res.status}`,
      status: res.status,
    });
  }
  const manifest = (await res.json()) as { config?: { digest?: string } };
  return manifest.config?.digest;
}
