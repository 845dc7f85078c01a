/** Identifiers in the shapes PAI uses: image ids, build and job ids, uppercase GUID request ids. */
import { randomBytes, randomUUID } from "node:crypto";

const ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Length of the random part of an image id (`image-` + 18 characters, pai-api.md §3). */
export const IMAGE_ID_RANDOM_LENGTH = 18;

/**
 * A new image id: `image-` followed by 18 ASCII letters and digits.
 *
 * @example
 * newImageId() // "image-4c62Xb0pQ1zLm8Rt53uo"
 */
export function newImageId(): string {
  return `image-${randomString(IMAGE_ID_RANDOM_LENGTH, ALPHANUMERIC)}`;
}

/**
 * A new image build id and its DLC job id, sharing one random suffix so a reader can pair them.
 *
 * @example
 * newBuildIds() // { imageBuildId: "build-k2p0c7x9ab1qz3", jobId: "dlc-k2p0c7x9ab1qz3" }
 */
export function newBuildIds(): { imageBuildId: string; jobId: string } {
  const suffix = randomString(14, LOWER_ALPHANUMERIC);
  return { imageBuildId: `build-${suffix}`, jobId: `dlc-${suffix}` };
}

/**
 * A request id in the gateway's style: an uppercase GUID.
 *
 * @example
 * newRequestId() // "5A14FA81-DD4E-4B1F-9C51-0C1B2E3D4F50"
 */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

function randomString(length: number, alphabet: string): string {
  // 62 and 36 do not divide 256; the slight bias is irrelevant for identifiers that are not secrets.
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}
