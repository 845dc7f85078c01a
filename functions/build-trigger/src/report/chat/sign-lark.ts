/** Lark/Feishu custom bot signature: HmacSHA256 keyed by timestamp + "\n" + secret over an empty message, base64. */
import { createHmac } from "node:crypto";

/**
 * The `sign` body field for `timestampSeconds` (seconds; Lark allows an hour of skew): base64 of
 * HMAC-SHA256 whose key is `${timestampSeconds}\n${secret}` and whose message is empty (Lark's
 * documented quirk: the string to sign is the key, not the data).
 *
 * @example
 * signLark({ timestampSeconds: 1700000000, secret: "…" }) // "…="
 */
export function signLark({
  timestampSeconds,
  secret,
}: {
  timestampSeconds: number;
  secret: string;
}): string {
  return createHmac("sha256", `${timestampSeconds}\n${secret}`).update("").digest("base64");
}
