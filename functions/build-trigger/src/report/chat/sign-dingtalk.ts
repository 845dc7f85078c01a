/** DingTalk custom robot "加签" signature: HmacSHA256(secret, timestamp + "\n" + secret), base64, URL-encoded. */
import { createHmac } from "node:crypto";

/**
 * The `sign` query value for `timestampMs` (milliseconds; DingTalk rejects one more than an hour
 * off): base64 of HMAC-SHA256 keyed by `secret` over `${timestampMs}\n${secret}`, URL-encoded.
 *
 * @example
 * signDingtalk({ timestampMs: 1700000000000, secret: "SEC…" }) // "…%3D"
 */
export function signDingtalk({
  timestampMs,
  secret,
}: {
  timestampMs: number;
  secret: string;
}): string {
  const digest = createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
  return encodeURIComponent(digest);
}
