/** Lower-case hex SHA-256 and HMAC-SHA256, the two hashes of ACS3-HMAC-SHA256. */
import { createHash, createHmac } from "node:crypto";

/** The hash of an empty body, which GET and DELETE requests sign. */
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/**
 * Hex SHA-256 of a string (as UTF-8) or bytes.
 *
 * @example
 * sha256Hex("") // "e3b0c442…b855"
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Hex HMAC-SHA256 of a string under a secret.
 *
 * @example
 * hmacSha256Hex("secret", "ACS3-HMAC-SHA256\n…")
 */
export function hmacSha256Hex(secret: string, data: string): string {
  return createHmac("sha256", secret).update(data).digest("hex");
}
