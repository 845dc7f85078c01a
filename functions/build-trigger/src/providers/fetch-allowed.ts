/** HTTP GET for spec sources, only to hosts on the configured allow-list (no SSRF through payloads). */
import { SourceError } from "../errors.ts";

const SOURCE_TIMEOUT_MS = 5000;

/**
 * Throws `SourceError` `SOURCE_HOST_NOT_ALLOWED` unless `baseUrl`'s host (`host` or `host:port`) is
 * on `allowedHosts`. Base URLs come from configuration; this is the second lock.
 *
 * @example
 * assertAllowedHost({ baseUrl: "https://api.github.com", allowedHosts: ["api.github.com"] });
 */
export function assertAllowedHost({
  baseUrl,
  allowedHosts,
}: {
  baseUrl: string;
  allowedHosts: readonly string[];
}): URL {
  const url = new URL(baseUrl);
  const host = url.host.toLowerCase();
  if (!allowedHosts.includes(host) && !allowedHosts.includes(url.hostname.toLowerCase())) {
    throw new SourceError({
      code: "SOURCE_HOST_NOT_ALLOWED",
      message: `${host} is not in IMAGEBUILD_ALLOWED_SOURCE_HOSTS`,
    });
  }
  return url;
}

/**
 * GETs `url` and returns the body text, or undefined on 404. Other failures throw `SourceError`
 * (`retryable` for 429, 5xx and network errors). Redirects are not followed, so a redirect cannot
 * leave the allow-listed host.
 *
 * @example
 * const text = await getText({ url, headers: { authorization: `Bearer ${token}` } });
 */
export async function getText({
  url,
  headers = {},
}: {
  url: string;
  headers?: Record<string, string>;
}): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(SOURCE_TIMEOUT_MS),
    });
  } catch (cause) {
    throw new SourceError({
      code: "SOURCE_NETWORK",
      message: `GET ${redact(url)}: ${cause instanceof Error ? cause.message : String(cause)}`,
      retryable: true,
      cause,
    });
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SourceError({
      code: "SOURCE_HTTP",
      message: `GET ${redact(url)}: HTTP ${response.status}`,
      statusCode: response.status,
      retryable: response.status === 429 || response.status >= 500,
    });
  }
  return response.text();
}

function redact(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
