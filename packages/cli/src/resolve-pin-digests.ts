/** HEADs the upstream registry of each reference to pin for the digest its tag names now (the index digest). */
import {
  type SecretHosts,
  SecretMissingError,
  SecretScopeError,
  secretScope,
} from "@imagebuild/core";
import {
  headManifestDigest,
  parseImageReference,
  type RegistryCredentials,
} from "@imagebuild/pai-client/registry";
import type { PinSite } from "./find-pin-sites.ts";

/** A site's answer: the digest its tag names, or why there is none (no credential value in it). */
export type PinResolution = { ok: true; digest: string } | { ok: false; reason: string };

/**
 * Resolves every site, one HEAD per distinct `host/repository:tag`, with the credentials the site's
 * specs give for that registry in RegistryAuths (checked against `IMAGEBUILD_SECRET_HOSTS`, read from
 * `env` as `user:password`), else anonymously. The HEAD asks for indexes and manifests alike, so a
 * multi-platform tag answers its index digest, valid on every architecture.
 *
 * @example
 * const answers = await resolvePinDigests({ sites, env: process.env, secretHosts });
 * answers.get(sites[0]); // { ok: true, digest: "sha256:…" }
 */
export async function resolvePinDigests({
  sites,
  env,
  secretHosts,
}: {
  sites: PinSite[];
  env: NodeJS.ProcessEnv;
  secretHosts: SecretHosts;
}): Promise<Map<PinSite, PinResolution>> {
  const lookups = new Map<string, Promise<PinResolution>>();
  const answers = new Map<PinSite, Promise<PinResolution>>();
  const fail = (reason: string) => Promise.resolve<PinResolution>({ ok: false, reason });
  for (const site of sites) {
    const parsed = parseImageReference(site.reference);
    if (!parsed.ok) {
      answers.set(site, fail(parsed.reason));
      continue;
    }
    const { host, repository, tag } = parsed.value;
    let credentials: RegistryCredentials | undefined;
    try {
      credentials = credentialsFor({ site, host, env, secretHosts });
    } catch (error) {
      answers.set(site, fail((error as Error).message));
      continue;
    }
    const key = `${host}/${repository}:${tag} as ${credentials?.username ?? "anonymous"}`;
    let lookup = lookups.get(key);
    if (!lookup) {
      lookup = headManifestDigest({ host, repository, reference: tag, credentials }).then(
        (digest): PinResolution => ({ ok: true, digest }),
        (error: Error): PinResolution => ({ ok: false, reason: error.message }),
      );
      lookups.set(key, lookup);
    }
    answers.set(site, lookup);
  }
  const settled = await Promise.all(
    sites.map((site) => answers.get(site) as Promise<PinResolution>),
  );
  return new Map(sites.map((site, index) => [site, settled[index] as PinResolution]));
}

function credentialsFor({
  site,
  host,
  env,
  secretHosts,
}: {
  site: PinSite;
  host: string;
  env: NodeJS.ProcessEnv;
  secretHosts: SecretHosts;
}): RegistryCredentials | undefined {
  const auth = site.auths[0];
  if (!auth) return undefined;
  const scope = secretScope(auth.ref, host, secretHosts);
  if (!scope.ok) {
    const field = `build.BuildConfig.RegistryAuths.${host}.${scope.field}`;
    throw new SecretScopeError({ file: auth.file, field, reason: scope.reason });
  }
  const value = env[scope.variable];
  if (value === undefined || value === "") {
    throw new SecretMissingError({ variable: scope.variable, registry: host, file: auth.file });
  }
  const colon = value.indexOf(":");
  if (colon <= 0) {
    throw new Error(
      `${auth.file}: BuildConfig.RegistryAuths.${host}: ${scope.variable} is not "user:password"`,
    );
  }
  return { username: value.slice(0, colon), password: value.slice(colon + 1) };
}
