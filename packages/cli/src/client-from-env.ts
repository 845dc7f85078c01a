/** Builds the PAI client the commands use from the environment: endpoint or region, and credentials. */
import {
  createPaiClient,
  type PaiClient,
  resolveCredentials,
  resolveEndpoints,
} from "@imagebuild/pai-client";

/** Overrides `ALIBABA_CLOUD_REGION_ID` for imagebuild only. */
export const ENV_IMAGEBUILD_REGION = "IMAGEBUILD_REGION";
const ENV_ENDPOINT = "IMAGEBUILD_ENDPOINT";

/**
 * Creates the client: the endpoint is `IMAGEBUILD_ENDPOINT` (e.g. the local service) or built from
 * `IMAGEBUILD_REGION` / `ALIBABA_CLOUD_REGION_ID`; requests are signed with the `ALIBABA_CLOUD_*`
 * keys, and sent unsigned only when `IMAGEBUILD_ENDPOINT` is set and no key is given.
 *
 * @example
 * const client = clientFromEnv({ IMAGEBUILD_ENDPOINT: "http://127.0.0.1:7070" });
 */
export function clientFromEnv(
  env: NodeJS.ProcessEnv,
  { pollMs }: { pollMs?: number | undefined } = {},
): PaiClient {
  const endpoint = env[ENV_ENDPOINT]?.trim() || undefined;
  const region = env[ENV_IMAGEBUILD_REGION]?.trim() || undefined;
  // Checked first so a missing endpoint is reported before missing keys.
  resolveEndpoints({ endpoint, region, env });
  // Only an explicit endpoint (the local service) may go unsigned; the cloud always needs keys.
  const credentials = resolveCredentials({ env, required: endpoint === undefined });
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
 * Whether the environment names an endpoint at all; `plan` only asks the workspace when it does.
 *
 * @example
 * hasEndpoint(process.env) // true when IMAGEBUILD_ENDPOINT or a region is set
 */
export function hasEndpoint(env: NodeJS.ProcessEnv): boolean {
  return Boolean(
    env[ENV_ENDPOINT]?.trim() ||
      env[ENV_IMAGEBUILD_REGION]?.trim() ||
      env.ALIBABA_CLOUD_REGION_ID?.trim(),
  );
}
