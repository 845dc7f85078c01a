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
 * (`retryable` for 429, 5xx and network errors) whose message ends with `hint` for 401 and 403
 * (which token to set). Redirects are not followed, so a redirect cannot leave the allow-listed host.
 *
 * @example
 * const text = await getText({ url, headers: { authorization: `Bearer ${token}` }, hint: "set IMAGEBUILD_GITHUB_TOKEN" });
 */
export async function getText({
  url,
  headers = {},
  hint,
}: {
  url: string;
  headers?: Record<string, string>;
  hint?: string | undefined;
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
      message: `GET ${redact(url)}: HTTP ${response.status}${
        hint && (response.status === 401 || response.status === 403) ? ` (${hint})` : ""
      }`,
      statusCode: response.status,
      retryable: response.status === 429 || response.status >= 500,
    });
  }
  return response.text();
}

/**
 * The error for a repository, commit or file that must exist but answered 404: a private repository
 * read without a token, a token without read access, or a wrong API root all look like this.
 *
 * @example
 * throw notFoundError({ what: "github tree of acme/images@0123abc", hint: "set IMAGEBUILD_GITHUB_TOKEN" });
 */
export function notFoundError({ what, hint }: { what: string; hint: string }): SourceError {
  return new SourceError({
    code: "SOURCE_NOT_FOUND",
    message: `${what}: HTTP 404 (a private repository read without a token, a token that cannot read it, or a wrong API root; ${hint})`,
    statusCode: 404,
  });
}

/**
 * The URL without its query (tokens never ride in a path here), for messages.
 *
 * @example
 * redact("https://h/x?private_token=t") // "https://h/x"
 */
export function redact(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** What a POST answered: the status and the body text (kept short for messages). */
export interface PostAnswer {
  status: number;
  text: string;
}

/**
 * POSTs `body` as JSON to `url` (its host must already be checked with `assertAllowedHost`) and
 * returns the status and body; throws `SourceError` `SOURCE_NETWORK` when nothing answered.
 * Redirects are not followed.
 *
 * @example
 * const { status } = await postJson({ url, headers: { authorization: `Bearer ${token}` }, body: { state: "pending" } });
 */
export async function postJson({
  url,
  headers = {},
  body,
}: {
  url: string;
  headers?: Record<string, string>;
  body: unknown;
}): Promise<PostAnswer> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(SOURCE_TIMEOUT_MS),
    });
    return { status: response.status, text: (await response.text()).slice(0, 500) };
  } catch (cause) {
    throw new SourceError({
      code: "SOURCE_NETWORK",
      message: `POST ${redact(url)}: ${cause instanceof Error ? cause.message : String(cause)}`,
      retryable: true,
      cause,
    });
  }
}

/**
 * Throws `SourceError` `SOURCE_HTTP` unless `answer` is 2xx (`retryable` for 429 and 5xx).
 *
 * @example
 * assertPosted({ answer: await postJson({ url, body }), what: "github status" });
 */
export function assertPosted({ answer, what }: { answer: PostAnswer; what: string }): void {
  if (answer.status >= 200 && answer.status < 300) return;
  throw new SourceError({
    code: "SOURCE_HTTP",
    message: `${what}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`,
    statusCode: answer.status,
    retryable: answer.status === 429 || answer.status >= 500,
  });
}
