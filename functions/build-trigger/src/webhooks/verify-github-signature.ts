/** GitHub's `X-Hub-Signature-256` check: HMAC-SHA256 of the raw body, constant time, several secrets. */
import { createHmac, timingSafeEqual } from "node:crypto";

const SIGNATURE_PREFIX = "sha256=";
const SIGNATURE_HEX_LENGTH = 64;

/**
 * True when `signature` is `sha256=<hex HMAC-SHA256 of body>` under one of `secrets`.
 * Every secret is tried so a secret can be rotated without dropping deliveries.
 *
 * @example
 * verifyGithubSignature({ body: Buffer.from("Hello, World!"), signature, secrets: ["It's a Secret to Everybody"] })
 */
export function verifyGithubSignature({
  body,
  signature,
  secrets,
}: {
  body: Buffer;
  signature: string | undefined;
  secrets: readonly string[];
}): boolean {
  if (signature === undefined || !signature.startsWith(SIGNATURE_PREFIX)) return false;
  const given = Buffer.from(signature.slice(SIGNATURE_PREFIX.length), "utf8");
  // Length first: timingSafeEqual throws on unequal lengths, and a hex digest has a fixed length.
  if (given.length !== SIGNATURE_HEX_LENGTH) return false;
  let matched = false;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    const expected = Buffer.from(createHmac("sha256", secret).update(body).digest("hex"), "utf8");
    // No early exit: the time taken does not depend on which secret matched.
    if (timingSafeEqual(expected, given)) matched = true;
  }
  return matched;
}
