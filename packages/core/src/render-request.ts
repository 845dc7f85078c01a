/** Renders a resolved spec into the exact CreateImageBuild body, with secret references or resolved values. */
import type { CreateImageBuildRequest } from "@imagebuild/schema";
import { parseSecretHosts } from "./secret-hosts.ts";
import { renderSpecReferences } from "./render-spec-references.ts";
import { SecretMissingError } from "./secret-missing-error.ts";
import { SECRET_ENV_PREFIX, secretScope } from "./secret-scope.ts";
import { SecretScopeError } from "./secret-scope-error.ts";
import type { CredentialRef, ResolvedSpec } from "./types.ts";

export { SECRET_ENV_PREFIX };

/**
 * Renders the request. `secrets: "reference"` shows each RegistryAuths Auth as a placeholder such as
 * `<from env ACR_AUTH>` (safe to print); `secrets: "resolve"` first checks every reference against the
 * secret namespace and the `IMAGEBUILD_SECRET_HOSTS` binding in `env` (throwing SecretScopeError, or
 * SecretHostsError for a malformed binding, before any variable is read), then reads `user:password`
 * from each variable and base64-encodes it into `RegistryAuths` (the only place a credential goes),
 * throwing SecretMissingError (naming the variable, never a value) when it is unset.
 * Policy `dated` appends `-yyyymmdd` (the UTC date of `now`) to the tag.
 * A Dockerfile's spec references (`FROM imagebuild:<image>:<version>`) become that spec's image in
 * this environment, dated alike.
 *
 * @example
 * renderRequest(spec, { secrets: "reference" }).BuildConfig.RegistryAuths
 * // { "r.example.com": { Auth: "<from env ACR_AUTH>" } }
 */
export function renderRequest(
  spec: ResolvedSpec,
  {
    secrets,
    env = process.env,
    now = new Date(),
  }: { secrets: "reference" | "resolve"; env?: NodeJS.ProcessEnv; now?: Date },
): CreateImageBuildRequest {
  const request = structuredClone(spec.request);
  if (spec.policy.tag === "dated") request.Image.Uri = `${request.Image.Uri}-${utcDate(now)}`;
  if (request.BuildConfig.Dockerfile !== undefined && spec.bases?.length) {
    request.BuildConfig.Dockerfile = renderSpecReferences(
      request.BuildConfig.Dockerfile,
      spec.bases,
      utcDate(now),
    );
  }
  const hosts = Object.keys(spec.registryAuthRefs).sort();
  if (secrets === "resolve" && hosts.length > 0) assertInScope(spec, hosts, env);
  if (hosts.length > 0) {
    request.BuildConfig.RegistryAuths = Object.fromEntries(
      hosts.map((host) => {
        const ref = spec.registryAuthRefs[host] as CredentialRef;
        const variable = variableFor(ref);
        if (secrets === "reference") {
          const shown = "fromEnv" in ref ? `<from env ${ref.fromEnv}>` : `<secret ${ref.secret}>`;
          return [host, { Auth: shown }];
        }
        const value = env[variable];
        if (value === undefined || value === "") {
          throw new SecretMissingError({ variable, registry: host, file: spec.file });
        }
        return [host, { Auth: Buffer.from(value, "utf8").toString("base64") }];
      }),
    );
  }
  return request;
}

/**
 * The environment variable a credential reference is read from.
 *
 * @example
 * variableFor({ secret: "acr-pull" }) // "IMAGEBUILD_SECRET_ACR_PULL"
 */
export function variableFor(ref: CredentialRef): string {
  if ("fromEnv" in ref) return ref.fromEnv;
  return SECRET_ENV_PREFIX + ref.secret.toUpperCase().replaceAll("-", "_");
}

/** Every reference is checked before any is resolved, so a spec with one bad entry resolves nothing. */
function assertInScope(spec: ResolvedSpec, hosts: string[], env: NodeJS.ProcessEnv): void {
  const secretHosts = parseSecretHosts(env);
  for (const host of hosts) {
    const scope = secretScope(spec.registryAuthRefs[host] as CredentialRef, host, secretHosts);
    if (scope.ok) continue;
    const field = `build.BuildConfig.RegistryAuths.${host}.${scope.field}`;
    throw new SecretScopeError({ file: spec.file, field, reason: scope.reason });
  }
}

function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10).replaceAll("-", "");
}
