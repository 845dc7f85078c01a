/** The `OSS4-HMAC-SHA256` authorization OSS expects for a request, recomputed on the server side. */
import { createHmac } from "node:crypto";
import { percentEncode, sha256Hex } from "@imagebuild/pai-client";

const ALGORITHM = "OSS4-HMAC-SHA256";

/**
 * Recomputes the authorization header of a V4-signed request from what arrived (the signed headers
 * are `content-type`, `content-md5` and `x-oss-*`). Written from the OSS documentation separately from
 * the function's signer, so a mistake in one is caught by the other.
 *
 * @example
 * ossV4Authorization({ method: "GET", bucket, key, query: {}, headers, region, accessKeyId, accessKeySecret }) === request.headers.authorization
 */
export function ossV4Authorization({
  method,
  bucket,
  key,
  query,
  headers,
  region,
  accessKeyId,
  accessKeySecret,
}: {
  method: string;
  bucket: string;
  /** The object key, unencoded. */
  key: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
}): string | undefined {
  const timestamp = headers["x-oss-date"] ?? "";
  if (!/^\d{8}T\d{6}Z$/.test(timestamp)) return undefined;
  const day = timestamp.slice(0, 8);
  const canonicalHeaders = Object.keys(headers)
    .filter(
      (name) => name.startsWith("x-oss-") || name === "content-type" || name === "content-md5",
    )
    .sort()
    .map((name) => `${name}:${(headers[name] ?? "").trim()}\n`)
    .join("");
  const canonicalQuery = Object.entries(query)
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === "" ? name : `${name}=${value}`))
    .join("&");
  const canonicalRequest = [
    method.toUpperCase(),
    `/${bucket}/${key.split("/").map(percentEncode).join("/")}`,
    canonicalQuery,
    canonicalHeaders,
    "",
    headers["x-oss-content-sha256"] ?? "UNSIGNED-PAYLOAD",
  ].join("\n");
  const scope = `${day}/${region}/oss/aliyun_v4_request`;
  const stringToSign = [ALGORITHM, timestamp, scope, sha256Hex(canonicalRequest)].join("\n");
  let signingKey = hmac(`aliyun_v4${accessKeySecret}`, day);
  for (const part of [region, "oss", "aliyun_v4_request"]) signingKey = hmac(signingKey, part);
  const signature = createHmac("sha256", signingKey).update(stringToSign).digest("hex");
  return `${ALGORITHM} Credential=${accessKeyId}/${scope},Signature=${signature}`;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}
