/** Checks an ACS3-HMAC-SHA256 signature on a received request, for the local PAI service. */
import { timingSafeEqual } from "node:crypto";
import {
  ACS3_ALGORITHM,
  buildCanonicalRequest,
  type HeadersInput,
  isSignableHeader,
  type QueryInput,
} from "./canonical-request.ts";
import { hmacSha256Hex, sha256Hex } from "./sha256-hex.ts";

/** Gateway error codes a failed verification maps to (pai-api.md §4.2). */
export type VerifySignatureCode =
  | "IncompleteSignature"
  | "SignatureDoesNotMatch"
  | "InvalidAccessKeyId.NotFound";

/** The verification outcome; on failure `statusCode` is what the gateway answers. */
export type VerifySignatureResult =
  | {
      ok: true;
      accessKeyId: string;
      securityToken: string | undefined;
      /** `x-acs-date` and `x-acs-signature-nonce`, for the server's skew and replay checks. */
      date: string;
      nonce: string;
    }
  | { ok: false; code: VerifySignatureCode; statusCode: 400 | 404; message: string };

/** What `verifySignature` takes; the fields mirror a Node `IncomingMessage`. */
export interface VerifySignatureOptions {
  method: string;
  /** The path as received (`req.url` without the query). */
  path: string;
  query?: QueryInput | undefined;
  headers: HeadersInput;
  /** The raw body bytes exactly as received. */
  body?: string | Uint8Array | undefined;
  /** The secret (or secrets, during a rotation) for an AccessKey ID; `undefined` when unknown. */
  lookupSecret: (accessKeyId: string) => string | readonly string[] | undefined;
}

const AUTHORIZATION_PATTERN = new RegExp(
  `^${ACS3_ALGORITHM} Credential=([^,\\s]+),SignedHeaders=([^,\\s]+),Signature=([0-9a-f]{64})$`,
);
const REQUIRED_HEADERS = ["host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

/**
 * Verifies the Authorization header: algorithm, required and signed headers, payload hash, then the
 * HMAC in constant time. Date skew and nonce reuse are left to the caller (see `checkAcsDate`).
 *
 * @example
 * const result = verifySignature({
 *   method: req.method, path: url.pathname, query: url.searchParams, headers: req.headers, body,
 *   lookupSecret: (id) => (id === "local" ? "local-secret" : undefined),
 * });
 * if (!result.ok) respond(result.statusCode, { Code: result.code, Message: result.message });
 */
export function verifySignature({
  method,
  path,
  query,
  headers,
  body,
  lookupSecret,
}: VerifySignatureOptions): VerifySignatureResult {
  const lower = lowerCaseHeaders(headers);
  const authorization = lower.get("authorization");
  if (!authorization) return incomplete("the Authorization header is missing");
  const match = AUTHORIZATION_PATTERN.exec(authorization.trim());
  if (!match) {
    return incomplete(
      `the Authorization header must read "${ACS3_ALGORITHM} Credential=<id>,SignedHeaders=<a;b>,Signature=<64 hex>"`,
    );
  }
  const [, accessKeyId = "", signedList = "", signature = ""] = match;
  const signed = signedList.split(";");
  for (const name of REQUIRED_HEADERS) {
    if (!lower.get(name)) return incomplete(`the ${name} header is missing`);
  }
  for (const name of lower.keys()) {
    if (isSignableHeader(name) && name !== "content-type" && !signed.includes(name)) {
      return incomplete(`the ${name} header must be signed`);
    }
  }
  for (const name of signed) {
    if (!isSignableHeader(name)) return incomplete(`${name} cannot be a signed header`);
    if (!lower.has(name)) return incomplete(`the signed header ${name} is missing`);
  }
  if (lower.has("content-type") && !signed.includes("content-type")) {
    return incomplete("the content-type header must be signed");
  }
  const hashedPayload = sha256Hex(body ?? "");
  if (lower.get("x-acs-content-sha256") !== hashedPayload) {
    return mismatch("x-acs-content-sha256 does not match the SHA-256 of the body");
  }
  const stsId = lower.get("x-acs-accesskey-id");
  if (stsId !== undefined && stsId !== accessKeyId) {
    return mismatch("x-acs-accesskey-id does not match the Credential in Authorization");
  }
  const found = lookupSecret(accessKeyId);
  const secrets = found === undefined ? [] : typeof found === "string" ? [found] : found;
  if (secrets.length === 0) {
    return {
      ok: false,
      code: "InvalidAccessKeyId.NotFound",
      statusCode: 404,
      message: `the AccessKey ID ${accessKeyId} is not known`,
    };
  }
  const { canonicalRequest } = buildCanonicalRequest({
    method,
    path,
    query,
    headers,
    hashedPayload,
    signedHeaderNames: signed,
  });
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const given = Buffer.from(signature, "hex");
  const matched = secrets.some((secret) =>
    timingSafeEqual(given, Buffer.from(hmacSha256Hex(secret, stringToSign), "hex")),
  );
  if (!matched) {
    return mismatch(
      "the signature does not match: check the AccessKey secret and the canonical request",
    );
  }
  return {
    ok: true,
    accessKeyId,
    securityToken: lower.get("x-acs-security-token"),
    date: lower.get("x-acs-date") ?? "",
    nonce: lower.get("x-acs-signature-nonce") ?? "",
  };
}

function lowerCaseHeaders(headers: HeadersInput): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    map.set(name.toLowerCase(), Array.isArray(value) ? value.join(",") : String(value));
  }
  return map;
}

function incomplete(message: string): VerifySignatureResult {
  return { ok: false, code: "IncompleteSignature", statusCode: 400, message };
}

function mismatch(message: string): VerifySignatureResult {
  return { ok: false, code: "SignatureDoesNotMatch", statusCode: 400, message };
}
