/** The ports `local serve` listens on when no flag names them: the ones the config file's `local` environment points at. */
import { DEFAULT_REGISTRY_PORT, LOCAL_ENVIRONMENT } from "./local-registry.ts";
import type { LoadedConfig } from "./read-config.ts";

/** The local service's API port when neither a flag nor the config names one. */
export const DEFAULT_SERVICE_PORT = 7070;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The API port of `environments.local.endpoint` and the registry port of
 * `environments.local.registry`, each when it is a loopback address with an explicit port (what
 * every other command then talks to), else the defaults (7070 and 5000).
 *
 * @example
 * localServicePorts(config); // { port: 8090, registryPort: 5001 } for endpoint http://127.0.0.1:8090 and registry 127.0.0.1:5001/pai
 */
export function localServicePorts(config: LoadedConfig | undefined): {
  port: number;
  registryPort: number;
} {
  const local = config?.value.environments?.[LOCAL_ENVIRONMENT];
  return {
    port: loopbackPort(local?.endpoint) ?? DEFAULT_SERVICE_PORT,
    registryPort:
      loopbackPort(local?.registry && `http://${local.registry.split("/")[0]}`) ??
      DEFAULT_REGISTRY_PORT,
  };
}

function loopbackPort(url: string | undefined): number | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return LOOPBACK_HOSTS.has(parsed.hostname) && parsed.port !== ""
      ? Number(parsed.port)
      : undefined;
  } catch {
    return undefined;
  }
}
