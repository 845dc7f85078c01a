/** AccessKey and STS credentials: explicit, from the environment, an aliyun CLI profile, or a Function Compute context. */
import { existsSync } from "node:fs";
import { aliyunConfigFile, credentialsFromAliyunProfile, ENV_PROFILE } from "./aliyun-profile.ts";
import { PaiConfigError } from "./pai-config-error.ts";

/** An AccessKey pair, with the token when it is an STS (temporary) pair. */
export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
}

/** Returns the credentials to sign the next attempt with; called once per attempt so STS pairs can refresh. */
export type CredentialsProvider = () => Promise<Credentials>;

/** The AccessKey ID variable the Alibaba Cloud tools share. */
export const ENV_ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/** The AccessKey secret variable. */
export const ENV_ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/** The STS token variable; set only for temporary credentials. */
export const ENV_SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";

/**
 * Checks a credentials object and returns a provider that always resolves to it.
 *
 * @example
 * const provider = staticCredentials({ accessKeyId: "LTAI…", accessKeySecret: "…" });
 */
export function staticCredentials(credentials: Credentials): CredentialsProvider {
  const checked = checkCredentials(credentials, "credentials");
  return () => Promise.resolve(checked);
}

/**
 * Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and the optional
 * `ALIBABA_CLOUD_SECURITY_TOKEN`. Throws `PaiConfigError` naming the missing variable.
 *
 * @example
 * const credentials = credentialsFromEnv(process.env);
 */
export function credentialsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Credentials {
  const accessKeyId = required(env, ENV_ACCESS_KEY_ID);
  const accessKeySecret = required(env, ENV_ACCESS_KEY_SECRET);
  const token = env[ENV_SECURITY_TOKEN]?.trim();
  return token
    ? { accessKeyId, accessKeySecret, securityToken: token }
    : { accessKeyId, accessKeySecret };
}

/** The part of a Function Compute handler context that carries the role's STS credentials. */
export interface FcContextLike {
  credentials?: {
    accessKeyId?: string | undefined;
    accessKeySecret?: string | undefined;
    securityToken?: string | undefined;
  } | null;
}

/**
 * Takes the STS credentials Function Compute passes in `context.credentials` (from the function's role).
 *
 * @example
 * export const handler = async (event, context) => {
 *   const client = createPaiClient({ credentials: credentialsFromFcContext(context) });
 * };
 */
export function credentialsFromFcContext(context: FcContextLike): Credentials {
  const source = context?.credentials;
  if (!source) {
    throw new PaiConfigError({
      code: "CREDENTIALS_MISSING",
      field: "context.credentials",
      message:
        "context.credentials is missing: give the function a role so Function Compute passes STS credentials",
    });
  }
  return checkCredentials(source, "context.credentials");
}

/** Where `resolveCredentialsWithSource` found the credentials; names only, never a key. */
export type CredentialsSource =
  | { kind: "fc-context" }
  | { kind: "environment" }
  | { kind: "aliyun-profile"; profile: string; file: string }
  | { kind: "none" };

/** Which aliyun CLI profile may sign, when no key variable is set. */
export interface AliyunProfileOption {
  /** A profile name (e.g. from imagebuild.config.yaml); `ALIBABA_CLOUD_PROFILE` beats it. */
  profile?: string | undefined;
  /** Whether the file's `current` profile signs when no name is given (the CLI: for the cloud only). */
  useCurrent?: boolean | undefined;
  /** Default: `$HOME/.aliyun/config.json`. */
  file?: string | undefined;
}

/**
 * The one credential precedence every caller uses: the STS pair Function Compute passes in
 * `context.credentials` (when it carries an AccessKey ID), else the `ALIBABA_CLOUD_*` variables
 * when either key is set (a half-set pair throws `CREDENTIALS_MISSING` naming the other), else an
 * aliyun CLI profile (`ALIBABA_CLOUD_PROFILE`, else `aliyun.profile`, else with `aliyun.useCurrent`
 * the file's `current` one when the file exists), else `undefined`: unsigned, which only the local
 * service accepts. With `required`, that last case throws instead, naming `ALIBABA_CLOUD_ACCESS_KEY_ID`.
 *
 * @example
 * const credentials = resolveCredentials({ context, env: process.env }); // Credentials | undefined
 */
export function resolveCredentials(
  options: ResolveCredentialsOptions = {},
): Credentials | undefined {
  return resolveCredentialsWithSource(options).credentials;
}

/** Options of `resolveCredentials`. */
export interface ResolveCredentialsOptions {
  context?: FcContextLike | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  required?: boolean;
  aliyun?: AliyunProfileOption | undefined;
}

/**
 * `resolveCredentials`, also saying which source answered (for `imagebuild doctor`).
 *
 * @example
 * resolveCredentialsWithSource({ env: { HOME: "/tmp/h" }, aliyun: { profile: "dev" } }).source
 * // { kind: "aliyun-profile", profile: "dev", file: "/tmp/h/.aliyun/config.json" }
 */
export function resolveCredentialsWithSource({
  context,
  env = process.env,
  required: mustResolve = false,
  aliyun,
}: ResolveCredentialsOptions = {}): {
  credentials: Credentials | undefined;
  source: CredentialsSource;
} {
  if (context?.credentials?.accessKeyId)
    return { credentials: credentialsFromFcContext(context), source: { kind: "fc-context" } };
  if (env[ENV_ACCESS_KEY_ID]?.trim() || env[ENV_ACCESS_KEY_SECRET]?.trim())
    return { credentials: credentialsFromEnv(env), source: { kind: "environment" } };
  const name = env[ENV_PROFILE]?.trim() || aliyun?.profile;
  const file = aliyun?.file ?? aliyunConfigFile(env);
  if (name !== undefined || (aliyun?.useCurrent && existsSync(file))) {
    const found = credentialsFromAliyunProfile({ file, name });
    return {
      credentials: found.credentials,
      source: { kind: "aliyun-profile", profile: found.profile, file },
    };
  }
  if (mustResolve) {
    throw new PaiConfigError({
      code: "CREDENTIALS_MISSING",
      field: ENV_ACCESS_KEY_ID,
      message: `${ENV_ACCESS_KEY_ID} is not set: export it and ${ENV_ACCESS_KEY_SECRET}, or choose an aliyun CLI profile (${ENV_PROFILE}=NAME)`,
    });
  }
  return { credentials: undefined, source: { kind: "none" } };
}

/**
 * Turns `Credentials`, a provider, or nothing (unsigned mode) into a provider or `undefined`.
 *
 * @example
 * toCredentialsProvider(credentialsFromEnv()) // () => Promise<Credentials>
 */
export function toCredentialsProvider(
  credentials: Credentials | CredentialsProvider | undefined,
): CredentialsProvider | undefined {
  if (credentials === undefined) return undefined;
  if (typeof credentials === "function") {
    return async () => checkCredentials(await credentials(), "credentials provider result");
  }
  return staticCredentials(credentials);
}

function required(env: Readonly<Record<string, string | undefined>>, name: string): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new PaiConfigError({
      code: "CREDENTIALS_MISSING",
      field: name,
      message: `${name} is not set: export it (and its pair) or pass credentials explicitly`,
    });
  }
  return value;
}

function checkCredentials(
  value: { accessKeyId?: unknown; accessKeySecret?: unknown; securityToken?: unknown },
  source: string,
): Credentials {
  for (const field of ["accessKeyId", "accessKeySecret"] as const) {
    if (typeof value?.[field] !== "string" || (value[field] as string).trim() === "") {
      throw new PaiConfigError({
        code: "CREDENTIALS_INVALID",
        field: `${source}.${field}`,
        message: `${source}.${field}: must be a non-empty string`,
      });
    }
  }
  const token = value.securityToken;
  if (token !== undefined && token !== null && typeof token !== "string") {
    throw new PaiConfigError({
      code: "CREDENTIALS_INVALID",
      field: `${source}.securityToken`,
      message: `${source}.securityToken: must be a string when present`,
    });
  }
  const credentials: Credentials = {
    accessKeyId: (value.accessKeyId as string).trim(),
    accessKeySecret: value.accessKeySecret as string,
  };
  if (typeof token === "string" && token !== "") credentials.securityToken = token;
  return credentials;
}
