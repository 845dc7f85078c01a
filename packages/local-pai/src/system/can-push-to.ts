/** Decides whether the service can push an image reference: its own registry, or one the request has credentials for. */
import {
  parseImageReference,
  registryBaseUrl,
  registryFetch,
} from "@imagebuild/pai-client/registry";
import {
  RegistryAuthsInvalidError,
  decodeRegistryAuths,
  localRegistryHosts,
} from "./registry-auths.ts";
import type { RegistryAuths, RegistryHandle } from "./types.ts";

/**
 * Checks `imageUri` before a build is accepted. The local registry is always pushable (with the
 * request's credentials, when it brings some, checked for real); another registry is pushable only
 * when `registryAuths` has credentials for it that its `/v2/` accepts. `reason` is one sentence
 * suitable after `Image.Uri: `.
 *
 * @example
 * const check = await canPushTo({ imageUri: "127.0.0.1:5000/team/app:1.0", registry });
 * if (!check.ok) throw new InvalidParameter(`Image.Uri: ${check.reason}`);
 */
export async function canPushTo({
  imageUri,
  registry,
  registryAuths,
}: {
  imageUri: string;
  registry: RegistryHandle;
  registryAuths?: RegistryAuths;
}): Promise<{ ok: true } | { ok: false; reason: string }> {
  const parsed = parseImageReference(imageUri);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { host } = parsed.value;
  if (parsed.value.digest) {
    return { ok: false, reason: `"${imageUri}" names a digest; a build pushes to a tag` };
  }
  let decoded: ReturnType<typeof decodeRegistryAuths>;
  try {
    decoded = decodeRegistryAuths(registryAuths);
  } catch (error) {
    if (error instanceof RegistryAuthsInvalidError) return { ok: false, reason: error.message };
    throw error;
  }
  const isLocal = localRegistryHosts(registry).includes(host);
  const credentials = decoded[host];
  if (isLocal && !credentials) return { ok: true };
  if (!credentials) {
    return {
      ok: false,
      reason: `cannot push to registry "${host}": the local service pushes to its own registry ${registry.host}, or to a registry with credentials in BuildConfig.RegistryAuths`,
    };
  }
  const url = `${isLocal ? registry.url : registryBaseUrl(host)}/v2/`;
  try {
    const res = await registryFetch({ url, credentials });
    await res.body?.cancel();
    if (res.ok) return { ok: true };
    return {
      ok: false,
      reason: `registry "${host}" rejected the credentials in BuildConfig.RegistryAuths (HTTP ${res.status})`,
    };
  } catch (error) {
    return {
      ok: false,
      reason: `registry "${host}" cannot be reached: ${(error as Error).message}`,
    };
  }
}
