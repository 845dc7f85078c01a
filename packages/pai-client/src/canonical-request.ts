/** Builds the ACS3 canonical request (method, URI, query, signed headers, payload hash) from plain values. */
import { percentEncode } from "./percent-encode.ts";

/** A query as a record, a URLSearchParams or a raw `a=1&b=2` string (without `?`). */
export type QueryInput =
  | URLSearchParams
  | string
  | Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

/** Headers as a record; Node's `IncomingHttpHeaders` fits. Names are matched case-insensitively. */
export type HeadersInput = Readonly<
  Record<string, string | number | readonly string[] | undefined>
>;

/** The signing algorithm name, first word of the Authorization header. */
export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/**
 * Whether a header takes part in the signature: `host`, `content-type` and every `x-acs-*`.
 *
 * @example
 * isSignableHeader("X-Acs-Date") // true
 */
export function isSignableHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === "host" || lower === "content-type" || lower.startsWith("x-acs-");
}

/**
 * The canonical URI: each segment decoded (if it was encoded) and RFC 3986-encoded again, so the
 * raw path a server receives and the path a client built canonicalise to the same string.
 *
 * @example
 * canonicalUri("/api/v1/images/image abc") // "/api/v1/images/image%20abc"
 */
export function canonicalUri(path: string): string {
  if (path === "") return "/";
  return path
    .split("/")
    .map((segment) => percentEncode(safeDecode(segment)))
    .join("/");
}

/**
 * The canonical query string: pairs sorted by encoded name (then value), names and values encoded.
 *
 * @example
 * canonicalQueryString({ b: "2", a: "x y" }) // "a=x%20y&b=2"
 */
export function canonicalQueryString(query: QueryInput | undefined): string {
  return queryPairs(query)
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([an, av], [bn, bv]) => compare(an, bn) || compare(av, bv))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/**
 * Flattens a query input into name/value pairs, dropping undefined values.
 *
 * @example
 * queryPairs({ a: "1", b: undefined }) // [["a", "1"]]
 */
export function queryPairs(query: QueryInput | undefined): [string, string][] {
  if (query === undefined) return [];
  if (typeof query === "string" || query instanceof URLSearchParams) {
    return [...new URLSearchParams(query)];
  }
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) pairs.push([name, String(item)]);
    else pairs.push([name, String(value)]);
  }
  return pairs;
}

/**
 * Lower-cased signable headers, values trimmed, repeated headers joined with commas (sorted).
 *
 * @example
 * signableHeaders({ Host: "a", Accept: "x" }) // Map { "host" => "a" }
 */
export function signableHeaders(headers: HeadersInput): Map<string, string> {
  const collected = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || !isSignableHeader(name)) continue;
    const lower = name.toLowerCase();
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    collected.set(lower, [...(collected.get(lower) ?? []), ...values.map((v) => v.trim())]);
  }
  const result = new Map<string, string>();
  for (const name of [...collected.keys()].sort(compare)) {
    result.set(name, (collected.get(name) ?? []).sort(compare).join(","));
  }
  return result;
}

/** What `buildCanonicalRequest` returns. */
export interface CanonicalRequest {
  /** The full canonical request text. */
  canonicalRequest: string;
  /** Signed header names joined with `;`, as in the Authorization header. */
  signedHeaders: string;
}

/**
 * Builds the canonical request over the given headers (only the named ones when `signedHeaderNames`
 * is given, as a verifier does; otherwise every signable header).
 *
 * @example
 * buildCanonicalRequest({ method: "GET", path: "/", headers: { host: "h" }, hashedPayload: EMPTY_BODY_SHA256 })
 */
export function buildCanonicalRequest({
  method,
  path,
  query,
  headers,
  hashedPayload,
  signedHeaderNames,
}: {
  method: string;
  path: string;
  query?: QueryInput | undefined;
  headers: HeadersInput;
  hashedPayload: string;
  signedHeaderNames?: readonly string[] | undefined;
}): CanonicalRequest {
  const all = signableHeaders(headers);
  const names = signedHeaderNames ? [...signedHeaderNames].sort(compare) : [...all.keys()];
  const canonicalHeaders = names.map((name) => `${name}:${all.get(name) ?? ""}\n`).join("");
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    method.toUpperCase(),
    canonicalUri(path),
    canonicalQueryString(query),
    canonicalHeaders,
    signedHeaders,
    hashedPayload,
  ].join("\n");
  return { canonicalRequest, signedHeaders };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
