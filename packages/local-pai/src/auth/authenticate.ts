/** Checks a request's ACS3 signature, clock skew and nonce, as the Alibaba Cloud gateway does. */
import type { IncomingHttpHeaders } from "node:http";
import { checkAcsDate, verifySignature } from "@imagebuild/pai-client";
import { ApiError } from "../http/api-error.ts";
import type { NonceStore } from "../store/nonce-store.ts";

/**
 * One accepted AccessKey pair.
 *
 * @example
 * const key: AccessKey = { accessKeyId: "LTAIlocal", accessKeySecret: secret, workspaces: ["12345"] };
 */
export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  /** Limits the key to these workspaces (403 `Forbidden.RAM` elsewhere); absent: any workspace. */
  workspaces?: readonly string[] | undefined;
}

/** The caller id used for idempotency and throttling when the service runs without keys. */
export const ANONYMOUS_CALLER = "anonymous";

/**
 * Returns the caller's AccessKey ID, or throws the gateway's error: `IncompleteSignature`,
 * `SignatureDoesNotMatch`, `InvalidAccessKeyId.NotFound`, `InvalidTimeStamp.Format`,
 * `InvalidTimeStamp.Expired` (more than 15 minutes of skew) or `SignatureNonceUsed`.
 * With no keys configured every request is accepted as `anonymous` (unsigned mode).
 *
 * @example
 * const caller = authenticate({ method: "GET", path: "/api/v1/images", query, headers, body, accessKeys, nonces });
 */
export function authenticate({
  method,
  path,
  query,
  headers,
  body,
  accessKeys,
  nonces,
  now = new Date(),
}: {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  accessKeys: readonly AccessKey[];
  nonces: NonceStore;
  now?: Date;
}): string {
  if (accessKeys.length === 0) return ANONYMOUS_CALLER;
  const result = verifySignature({
    method,
    path,
    query,
    headers,
    body,
    lookupSecret: (id) => {
      const secrets = accessKeys.filter((k) => k.accessKeyId === id).map((k) => k.accessKeySecret);
      return secrets.length > 0 ? secrets : undefined;
    },
  });
  if (!result.ok) {
    throw new ApiError({
      statusCode: result.statusCode,
      code: result.code,
      message: result.message,
    });
  }
  const date = checkAcsDate({ value: result.date, now });
  if (!date.ok) throw new ApiError({ statusCode: 400, code: date.code, message: date.message });
  // The nonce is recorded only after the signature checks out, so forged requests cannot burn nonces.
  if (!nonces.use(result.nonce)) {
    throw new ApiError({
      statusCode: 400,
      code: "SignatureNonceUsed",
      message:
        "x-acs-signature-nonce: this nonce was already used; sign every request with a new one",
    });
  }
  return result.accessKeyId;
}
