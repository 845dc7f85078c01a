/** Credentials from a profile of the aliyun CLI's `~/.aliyun/config.json` (modes AK and StsToken). */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { z } from "zod";
import type { Credentials } from "./credentials.ts";
import { PaiConfigError } from "./pai-config-error.ts";

/** Chooses a profile by name, as the aliyun CLI's `--profile` does. */
export const ENV_PROFILE = "ALIBABA_CLOUD_PROFILE";

/** The modes whose keys sit in the file; the others need a token exchange this client does not do. */
const SUPPORTED_MODES = ["AK", "StsToken"] as const;

// Only the fields read here; the CLI writes many more (language, output format, …), kept unchecked.
const ProfileSchema = z.looseObject({
  name: z.string().min(1),
  mode: z.string().optional(),
  access_key_id: z.string().optional(),
  access_key_secret: z.string().optional(),
  sts_token: z.string().optional(),
  region_id: z.string().optional(),
});
const ConfigSchema = z.looseObject({
  current: z.string().optional(),
  profiles: z.array(ProfileSchema),
});

/** The profile that signed, by name and file, for `imagebuild doctor`; never its keys. */
export interface AliyunProfile {
  credentials: Credentials;
  /** The profile's name, e.g. `default`. */
  profile: string;
  /** The config file it came from. */
  file: string;
  /** The profile's `region_id`, when set. */
  regionId?: string | undefined;
}

/**
 * Where the aliyun CLI keeps its profiles: `$HOME/.aliyun/config.json` (`HOME` from `env`, so tests
 * can point it at a temporary folder).
 *
 * @example
 * aliyunConfigFile({ HOME: "/home/ana" }) // "/home/ana/.aliyun/config.json"
 */
export function aliyunConfigFile(env: Readonly<Record<string, string | undefined>>): string {
  return path.join(env.HOME?.trim() || homedir(), ".aliyun", "config.json");
}

/**
 * Reads profile `name` (default: the file's `current`) from the aliyun CLI config `file`. Throws
 * `PaiConfigError`: `CREDENTIALS_MISSING` when the file or the profile is absent,
 * `CREDENTIALS_INVALID` when the file is not the CLI's JSON, a key is empty, or the mode is one
 * whose keys are not in the file (RamRoleArn, EcsRamRole, OAuth, …). Messages name the file,
 * profile and field, never a key.
 *
 * @example
 * const { credentials, profile } = credentialsFromAliyunProfile({ file: aliyunConfigFile(process.env) });
 */
export function credentialsFromAliyunProfile({
  file,
  name,
}: {
  file: string;
  name?: string | undefined;
}): AliyunProfile {
  if (!existsSync(file)) {
    throw new PaiConfigError({
      code: "CREDENTIALS_MISSING",
      field: file,
      message: `${file}: no such file, so no aliyun CLI profile${name ? ` "${name}"` : ""}: run aliyun configure, or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET`,
    });
  }
  const config = readConfig(file);
  const wanted = name ?? config.current;
  const profile = config.profiles.find((p) => p.name === wanted);
  if (wanted === undefined || profile === undefined) {
    const known = config.profiles.map((p) => p.name).join(", ") || "none";
    throw new PaiConfigError({
      code: "CREDENTIALS_MISSING",
      field: `${file}: profiles`,
      message:
        wanted === undefined
          ? `${file}: no current profile: run aliyun configure switch, or set ${ENV_PROFILE} (profiles: ${known})`
          : `${file}: no profile "${wanted}" (profiles: ${known})`,
    });
  }
  const where = `${file}: profile "${profile.name}"`;
  const mode = profile.mode ?? "AK";
  if (!(SUPPORTED_MODES as readonly string[]).includes(mode)) {
    throw new PaiConfigError({
      code: "CREDENTIALS_INVALID",
      field: `${file}: mode`,
      message: `${where}: mode ${mode} is not supported here, only ${SUPPORTED_MODES.join(" and ")}: use an AK or StsToken profile, or set ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN)`,
    });
  }
  const keys =
    mode === "StsToken"
      ? (["access_key_id", "access_key_secret", "sts_token"] as const)
      : (["access_key_id", "access_key_secret"] as const);
  for (const key of keys) {
    if (!profile[key]?.trim()) {
      throw new PaiConfigError({
        code: "CREDENTIALS_INVALID",
        field: `${file}: ${key}`,
        message: `${where}: ${key} is empty (mode ${mode}): run aliyun configure --profile ${profile.name}`,
      });
    }
  }
  const credentials: Credentials = {
    accessKeyId: (profile.access_key_id as string).trim(),
    accessKeySecret: profile.access_key_secret as string,
  };
  if (mode === "StsToken") credentials.securityToken = profile.sts_token;
  return { credentials, profile: profile.name, file, regionId: profile.region_id || undefined };
}

function readConfig(file: string): z.output<typeof ConfigSchema> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new PaiConfigError({
      code: "CREDENTIALS_INVALID",
      field: file,
      message: `${file}: not valid JSON: fix it or run aliyun configure`,
      cause,
    });
  }
  const result = ConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue?.path.join(".") || "(document)";
  throw new PaiConfigError({
    code: "CREDENTIALS_INVALID",
    field: `${file}: ${at}`,
    message: `${file}: ${at}: ${issue?.message ?? "invalid"} (not an aliyun CLI config)`,
  });
}
