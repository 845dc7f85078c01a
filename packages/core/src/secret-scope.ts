/** Whether one RegistryAuths reference may be resolved: a secret in the namespace, bound to that registry host. */
import {
  normalizeSecretName,
  RESERVED_SECRET_NAME,
  SECRET_HOSTS_VARIABLE,
  type SecretHosts,
} from "./secret-hosts.ts";
import type { CredentialRef } from "./types.ts";

/** Secret names map to this environment variable prefix: `acr-pull` → `IMAGEBUILD_SECRET_ACR_PULL`. */
export const SECRET_ENV_PREFIX = "IMAGEBUILD_SECRET_";

/** The verdict on one reference: the variable to read, or the field at fault and why (no value, ever). */
export type SecretScope =
  | { ok: true; name: string; variable: string }
  | { ok: false; field: "fromEnv" | "secret"; reason: string };

/**
 * Checks a reference against the namespace (`secret: name`, or `fromEnv: IMAGEBUILD_SECRET_<NAME>`) and the
 * binding (`secretHosts[NAME]` lists `host`, compared in lower case). Reads no variable: callers check
 * this before resolving anything.
 *
 * @example
 * secretScope({ secret: "acr-push" }, "registry.example.com", { ACR_PUSH: ["registry.example.com"] })
 * // { ok: true, name: "ACR_PUSH", variable: "IMAGEBUILD_SECRET_ACR_PUSH" }
 */
export function secretScope(
  ref: CredentialRef,
  host: string,
  secretHosts: SecretHosts,
): SecretScope {
  const field = "fromEnv" in ref ? "fromEnv" : "secret";
  let name: string;
  if ("fromEnv" in ref) {
    if (!ref.fromEnv.startsWith(SECRET_ENV_PREFIX) || ref.fromEnv === SECRET_ENV_PREFIX) {
      return {
        ok: false,
        field,
        reason: `${ref.fromEnv} is outside the secret namespace ${SECRET_ENV_PREFIX}<NAME>; reference a secret instead (secret: acr-push reads ${SECRET_ENV_PREFIX}ACR_PUSH) and bind it to ${host} in ${SECRET_HOSTS_VARIABLE}`,
      };
    }
    name = ref.fromEnv.slice(SECRET_ENV_PREFIX.length);
  } else {
    name = normalizeSecretName(ref.secret);
  }
  if (name === RESERVED_SECRET_NAME) {
    return {
      ok: false,
      field,
      reason: `${SECRET_HOSTS_VARIABLE} is the setting that binds secrets to hosts, not a secret`,
    };
  }
  const hosts = secretHosts[name] ?? [];
  if (!hosts.includes(host.toLowerCase())) {
    const now = hosts.length > 0 ? `bound to ${hosts.join(", ")}` : "bound to no host";
    return {
      ok: false,
      field,
      reason: `secret ${name} is not bound to registry ${host} (${now}); add "${host.toLowerCase()}" to "${name}" in ${SECRET_HOSTS_VARIABLE} where the build runs`,
    };
  }
  return { ok: true, name, variable: SECRET_ENV_PREFIX + name };
}
