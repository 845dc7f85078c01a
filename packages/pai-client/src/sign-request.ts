/** Signs one HTTP request with ACS3-HMAC-SHA256: adds date, nonce, payload hash, STS headers and Authorization. */
import { randomBytes } from "node:crypto";
import {
  ACS3_ALGORITHM,
  buildCanonicalRequest,
  type HeadersInput,
  type QueryInput,
} from "./canonical-request.ts";
import type { Credentials } from "./credentials.ts";
import { hmacSha256Hex, sha256Hex } from "./sha256-hex.ts";

/** What `signRequest` takes. */
export interface SignRequestOptions {
  method: string;
  /** `host[:port]` exactly as the request will carry it. */
  host: string;
  /** The path as sent (segments encoded or not; both canonicalise the same). */
  path: string;
  query?: QueryInput | undefined;
  /** Extra headers to sign and send, e.g. `x-acs-action`, `x-acs-version`, `content-type`. */
  headers?: HeadersInput | undefined;
  /** The exact body bytes; absent for GET and DELETE. */
  body?: string | Uint8Array | undefined;
  credentials: Credentials;
  /** Signing time; defaults to now. */
  date?: Date | undefined;
  /** Unique per attempt; defaults to 32 random hex characters. */
  nonce?: string | undefined;
}

/** What `signRequest` returns. */
export interface SignedRequest {
  /** Lower-case header names, ready to send: the given headers plus host, x-acs-* and authorization. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/**
 * Formats a date as `x-acs-date` wants it: UTC, seconds precision, `Z`.
 *
 * @example
 * formatAcsDate(new Date("2023-10-26T10:22:32.123Z")) // "2023-10-26T10:22:32Z"
 */
export function formatAcsDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Signs a request. Pure apart from the default date and nonce.
 *
 * @example
 * const { headers } = signRequest({
 *   method: "GET", host: "aiworkspace.cn-hangzhou.aliyuncs.com", path: "/api/v1/images",
 *   query: { WorkspaceId: "12345" },
 *   headers: { "x-acs-action": "ListImages", "x-acs-version": "2021-02-04" },
 *   credentials: { accessKeyId: "id", accessKeySecret: "secret" },
 * });
 */
export function signRequest({
  method,
  host,
  path,
  query,
  headers = {},
  body,
  credentials,
  date = new Date(),
  nonce = randomBytes(16).toString("hex"),
}: SignRequestOptions): SignedRequest {
  const hashedPayload = sha256Hex(body ?? "");
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : String(value);
  }
  out.host = host;
  out["x-acs-date"] = formatAcsDate(date);
  out["x-acs-signature-nonce"] = nonce;
  out["x-acs-content-sha256"] = hashedPayload;
  if (credentials.securityToken) {
    out["x-acs-accesskey-id"] = credentials.accessKeyId;
    out["x-acs-security-token"] = credentials.securityToken;
  }
  delete out.authorization;
  const { canonicalRequest, signedHeaders } = buildCanonicalRequest({
    method,
    path,
    query,
    headers: out,
    hashedPayload,
  });
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256Hex(credentials.accessKeySecret, stringToSign);
  out.authorization = `${ACS3_ALGORITHM} Credential=${credentials.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { headers: out, canonicalRequest, stringToSign, signature };
}
