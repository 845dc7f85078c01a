/** The deterministic ClientToken: the same rendered request in the same trigger slot always gets the same token. */
import { crypto } from "./lazy-builtins.ts";
import type { CreateImageBuildRequest } from "@imagebuild/schema";
import { canonicalJson } from "@imagebuild/pai-client/canonical-json";

/** Token prefix; the digit is the derivation version, bumped if the recipe ever changes. */
export const CLIENT_TOKEN_PREFIX = "ib1-";
const BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * Derives the ClientToken: `ib1-` + base32 (lower case, no padding) of
 * sha256(canonical JSON of the request with every RegistryAuths Auth value blanked + "\n" + slot).
 * 56 ASCII characters. Secret values never reach the hash, so rotating a credential keeps the token.
 *
 * @example
 * clientTokenFor({ request, slot: CONTENT_SLOT }) // "ib1-3k2…" (56 chars)
 * clientTokenFor({ request, slot: scheduleSlot(new Date("2026-11-27T04:00:00Z")) })
 */
export function clientTokenFor({
  request,
  slot,
}: {
  request: CreateImageBuildRequest;
  slot: string;
}): string {
  const digest = crypto()
    .createHash("sha256")
    .update(`${canonicalJson(withoutSecretValues(request))}\n${slot}`)
    .digest();
  return CLIENT_TOKEN_PREFIX + base32(digest);
}

function withoutSecretValues(request: CreateImageBuildRequest): CreateImageBuildRequest {
  const auths = request.BuildConfig.RegistryAuths;
  if (!auths) return request;
  const blanked = Object.fromEntries(Object.keys(auths).map((host) => [host, { Auth: "" }]));
  return { ...request, BuildConfig: { ...request.BuildConfig, RegistryAuths: blanked } };
}

function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
