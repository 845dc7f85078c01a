/** OSS V4 request signing (`OSS4-HMAC-SHA256`), written from the OSS documentation. */
import { createHmac } from "node:crypto";
import { percentEncode, sha256Hex } from "@imagebuild/pai-client";

const ALGORITHM = "OSS4-HMAC-SHA256";
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

/** What `signOssV4` signs. Header names may have any case; values are trimmed. */
export interface OssV4Request {
  method: string;
  bucket: string;
  /** The object key, unencoded (`specs/a b/1.0.yaml`); empty for bucket operations. */
  key: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
  date: Date;
}

/**
 * Returns the request headers with `x-oss-date`, `x-oss-content-sha256` (default
 * `UNSIGNED-PAYLOAD`), `x-oss-security-token` (for STS) and `authorization` added. Only
 * `content-type`, `content-md5` and `x-oss-*` headers are signed (no AdditionalHeaders).
 *
 * @example
 * const headers = signOssV4({ method: "GET", bucket: "specs", key: "specs/a/1.0.yaml", headers: {}, region: "cn-hangzhou", accessKeyId, accessKeySecret, date: new Date() });
 */
export function signOssV4(request: OssV4Request): Record<string, string> {
  const timestamp = request.date.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  const day = timestamp.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    headers[name.toLowerCase()] = value.trim();
  headers["x-oss-date"] = timestamp;
  headers["x-oss-content-sha256"] ??= UNSIGNED_PAYLOAD;
  if (request.securityToken) headers["x-oss-security-token"] = request.securityToken;

  const canonicalHeaders = Object.keys(headers)
    .filter(
      (name) => name.startsWith("x-oss-") || name === "content-type" || name === "content-md5",
    )
    .sort()
    .map((name) => `${name}:${headers[name]}\n`)
    .join("");
  const canonicalQuery = Object.entries(request.query ?? {})
    .map(([name, value]) => [ossEncode(name), ossEncode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === "" ? name : `${name}=${value}`))
    .join("&");
  const canonicalUri = `/${request.bucket}/${request.key.split("/").map(ossEncode).join("/")}`;
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    "",
    headers["x-oss-content-sha256"],
  ].join("\n");

  const scope = `${day}/${request.region}/oss/aliyun_v4_request`;
  const stringToSign = [ALGORITHM, timestamp, scope, sha256Hex(canonicalRequest)].join("\n");
  let key = hmac(`aliyun_v4${request.accessKeySecret}`, day);
  for (const part of [request.region, "oss", "aliyun_v4_request"]) key = hmac(key, part);
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  headers.authorization = `${ALGORITHM} Credential=${request.accessKeyId}/${scope},Signature=${signature}`;
  return headers;
}

/**
 * RFC 3986 encoding as OSS V4 wants it: everything but `A-Z a-z 0-9 - _ . ~` is percent-encoded,
 * the same rule as ACS3 signing, so it is pai-client's `percentEncode`.
 *
 * @example
 * ossEncode("1234+") // "1234%2B"
 */
export const ossEncode: (value: string) => string = percentEncode;

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}
