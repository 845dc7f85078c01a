/** Picks the AIWorkspace and DLC base URLs: by region (public or VPC) or one override for both. */
import { PaiConfigError } from "./pai-config-error.ts";

/** Base URLs (origin only, no trailing slash) for the two APIs the client calls. */
export interface PaiEndpoints {
  aiworkspace: string;
  dlc: string;
}

/** Points both APIs at one base URL, e.g. the local service `http://127.0.0.1:7070`. */
export const ENV_ENDPOINT = "IMAGEBUILD_ENDPOINT";
/** The region when none is given, shared with the Alibaba Cloud CLI and SDKs. */
export const ENV_REGION = "ALIBABA_CLOUD_REGION_ID";

const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/**
 * Resolves the endpoints. Order: `endpoint`, then `IMAGEBUILD_ENDPOINT`, then the region
 * (`region`, else `ALIBABA_CLOUD_REGION_ID`): `aiworkspace[-vpc].{region}.aliyuncs.com` and
 * `pai-dlc[-vpc].{region}.aliyuncs.com`. Host names are built, not looked up, so the SDK's
 * endpoint-map quirks (a stray tab for cn-guangzhou) do not apply.
 *
 * @example
 * resolveEndpoints({ region: "cn-hangzhou" }).dlc // "https://pai-dlc.cn-hangzhou.aliyuncs.com"
 * resolveEndpoints({ env: { IMAGEBUILD_ENDPOINT: "http://127.0.0.1:7070" } }).aiworkspace // "http://127.0.0.1:7070"
 */
export function resolveEndpoints({
  region,
  vpc = false,
  endpoint,
  env = process.env,
}: {
  region?: string | undefined;
  vpc?: boolean | undefined;
  endpoint?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
} = {}): PaiEndpoints {
  const override = endpoint ?? (env[ENV_ENDPOINT]?.trim() || undefined);
  if (override !== undefined) {
    const base = parseBaseUrl(override, endpoint !== undefined ? "endpoint" : ENV_ENDPOINT);
    return { aiworkspace: base, dlc: base };
  }
  const regionId = region ?? (env[ENV_REGION]?.trim() || undefined);
  const field = region !== undefined ? "region" : ENV_REGION;
  if (regionId === undefined) {
    throw new PaiConfigError({
      code: "ENDPOINT_INVALID",
      field: ENV_REGION,
      message: `no endpoint: pass region (or set ${ENV_REGION}), or set ${ENV_ENDPOINT} to the local service URL`,
    });
  }
  if (!REGION_PATTERN.test(regionId)) {
    throw new PaiConfigError({
      code: "ENDPOINT_INVALID",
      field,
      message: `${field}: "${regionId}" is not a region id like cn-hangzhou`,
    });
  }
  const network = vpc ? "-vpc" : "";
  return {
    aiworkspace: `https://aiworkspace${network}.${regionId}.aliyuncs.com`,
    dlc: `https://pai-dlc${network}.${regionId}.aliyuncs.com`,
  };
}

function parseBaseUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new PaiConfigError({
      code: "ENDPOINT_INVALID",
      field,
      message: `${field}: not a URL; expected e.g. http://127.0.0.1:7070`,
      cause,
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PaiConfigError({
      code: "ENDPOINT_INVALID",
      field,
      message: `${field}: must be http or https`,
    });
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.username || url.password) {
    throw new PaiConfigError({
      code: "ENDPOINT_INVALID",
      field,
      message: `${field}: must be a bare origin like https://host[:port], without path, query or user info`,
    });
  }
  return url.origin;
}
