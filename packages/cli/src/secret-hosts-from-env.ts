/** The secret → registry hosts binding the CLI checks specs against: `IMAGEBUILD_SECRET_HOSTS`, as the function reads it. */
import { parseSecretHosts, type SecretHosts } from "@imagebuild/core";
import { UsageError } from "./command.ts";

/**
 * Parses `IMAGEBUILD_SECRET_HOSTS` from the command's environment (unset binds nothing); a malformed value
 * is a usage error (exit 2) naming the variable.
 *
 * @example
 * secretHostsFromEnv({ IMAGEBUILD_SECRET_HOSTS: '{"ACR_PUSH":["registry.example.com"]}' }); // { ACR_PUSH: [...] }
 */
export function secretHostsFromEnv(env: NodeJS.ProcessEnv): SecretHosts {
  try {
    return parseSecretHosts(env);
  } catch (error) {
    if ((error as { code?: unknown }).code === "SECRET_HOSTS_INVALID") {
      throw new UsageError((error as Error).message);
    }
    throw error;
  }
}
