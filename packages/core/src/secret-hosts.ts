/** The registry hosts each secret may be sent to: the `IMAGEBUILD_SECRET_HOSTS` binding, read from the environment. */
import { SecretHostsError } from "./secret-hosts-error.ts";

/** The variable that binds secrets to registry hosts. It is configuration, so `HOSTS` is never a secret name. */
export const SECRET_HOSTS_VARIABLE = "IMAGEBUILD_SECRET_HOSTS";

/** The reserved name: `IMAGEBUILD_SECRET_HOSTS` is the binding itself. */
export const RESERVED_SECRET_NAME = "HOSTS";

/** Secret name (upper case, `_`, e.g. `ACR_PUSH`) → the registry hosts (lower case, `host[:port]`) it may go to. */
export type SecretHosts = Readonly<Record<string, readonly string[]>>;

const NAME = /^[A-Z0-9][A-Z0-9_]{0,62}$/;
const HOST = /^[a-z0-9][a-z0-9.-]*(:[0-9]{1,5})?$/;

/**
 * Parses `IMAGEBUILD_SECRET_HOSTS` (JSON: secret name → list of registry hosts) from `env`. Unset or empty
 * binds nothing, so no secret can be sent anywhere. Names are normalised like `secret:` references
 * (`acr-push` → `ACR_PUSH`), hosts to lower case. A malformed value throws `SecretHostsError`
 * (`SECRET_HOSTS_INVALID`), which names the variable and what is wrong.
 *
 * @example
 * parseSecretHosts({ IMAGEBUILD_SECRET_HOSTS: '{"ACR_PUSH":["registry.example.com"]}' })
 * // { ACR_PUSH: ["registry.example.com"] }
 */
export function parseSecretHosts(env: Readonly<Record<string, string | undefined>>): SecretHosts {
  const text = env[SECRET_HOSTS_VARIABLE];
  if (text === undefined || text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SecretHostsError("is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SecretHostsError("must be a JSON object of secret name to a list of registry hosts");
  }
  const bound: Record<string, string[]> = {};
  for (const [key, hosts] of Object.entries(value)) {
    const name = normalizeSecretName(key);
    if (!NAME.test(name)) throw new SecretHostsError(`"${key}" is not a secret name`);
    if (name === RESERVED_SECRET_NAME) {
      throw new SecretHostsError(`"${key}" is reserved (${SECRET_HOSTS_VARIABLE} is this setting)`);
    }
    if (!Array.isArray(hosts) || hosts.some((host) => typeof host !== "string")) {
      throw new SecretHostsError(`${key}: must be a list of registry hosts`);
    }
    for (const host of hosts as string[]) {
      if (!HOST.test(host.toLowerCase())) {
        throw new SecretHostsError(`${key}: "${host}" is not a registry host (host or host:port)`);
      }
    }
    bound[name] = [...new Set([...(bound[name] ?? []), ...hosts.map((h) => h.toLowerCase())])];
  }
  return bound;
}

/**
 * A secret name as its variable suffix: upper case, `-` → `_`.
 *
 * @example
 * normalizeSecretName("acr-push") // "ACR_PUSH"
 */
export function normalizeSecretName(name: string): string {
  return name.toUpperCase().replaceAll("-", "_");
}
