/** Builds the PAI client the commands use from their settings: endpoint or region, and credentials. */
import {
  type CredentialsSource,
  createPaiClient,
  type PaiClient,
  resolveCredentialsWithSource,
  resolveEndpoints,
} from "@imagebuild/pai-client";
import type { Settings } from "./settings.ts";

/**
 * Creates the client: the endpoint is the settings' endpoint (e.g. the local service) or built from
 * their region (else `ALIBABA_CLOUD_REGION_ID`); requests are signed as `signingCredentials` says,
 * and sent unsigned only to an explicit endpoint when no credentials are found.
 *
 * @example
 * const client = clientFromSettings(await resolveSettings({ io, env: flags.env }));
 */
export function clientFromSettings(
  settings: Settings,
  { pollMs }: { pollMs?: number | undefined } = {},
): PaiClient {
  const { endpoint, region, processEnv: env } = settings;
  // Checked first so a missing endpoint is reported before missing keys.
  resolveEndpoints({ endpoint, region, env });
  const { credentials } = signingCredentials(settings);
  const client = createPaiClient({ endpoint, region, env, credentials });
  if (pollMs === undefined) return client;
  // dispatch calls waitForJob without a poll interval; the flag sets the first one.
  const waitForJob: PaiClient["waitForJob"] = (jobId, options) =>
    client.waitForJob(jobId, { pollMs, ...options });
  return new Proxy(client, {
    get: (target, key, receiver) =>
      key === "waitForJob" ? waitForJob : Reflect.get(target, key, receiver),
  });
}

/**
 * The credentials and their source: `ALIBABA_CLOUD_*` keys, else an aliyun CLI profile
 * (`ALIBABA_CLOUD_PROFILE`, else the environment's `profile` in the config, else, for the cloud
 * only, the CLI's current profile), else none. The cloud needs them; only an explicit endpoint (the
 * local service) may go unsigned, and a developer's everyday cloud profile is not sent to it.
 *
 * @example
 * signingCredentials(settings).source // { kind: "aliyun-profile", profile: "dev", file: "/home/ana/.aliyun/config.json" }
 */
export function signingCredentials(
  settings: Settings,
): ReturnType<typeof resolveCredentialsWithSource> {
  const cloud = settings.endpoint === undefined;
  return resolveCredentialsWithSource({
    env: settings.processEnv,
    required: cloud,
    aliyun: { profile: settings.profile, useCurrent: cloud },
  });
}

/**
 * Says where credentials came from, in words for people; never a key.
 *
 * @example
 * describeCredentialsSource({ kind: "environment" }) // "ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET"
 */
export function describeCredentialsSource(source: CredentialsSource): string {
  switch (source.kind) {
    case "environment":
      return "ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET";
    case "aliyun-profile":
      return `aliyun CLI profile "${source.profile}" (${source.file})`;
    case "fc-context":
      return "the Function Compute context";
    case "none":
      return "none";
  }
}

/**
 * Whether the settings name an endpoint at all; `plan` only asks the workspace when they do.
 *
 * @example
 * hasEndpoint(settings) // true when an endpoint or a region is configured or set
 */
export function hasEndpoint(settings: Settings): boolean {
  return Boolean(settings.endpoint || settings.region || settings.targetFrom);
}
