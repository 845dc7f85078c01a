/** The function's settings, read from environment variables through one zod schema. */
import { SchemaValidationError } from "@imagebuild/schema";
import { z } from "zod";

const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
const DEFAULT_HTTP_DEADLINE_MS = 8000;

const list = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  );

const integer = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const httpsOrLocalUrl = z
  .string()
  .url()
  .refine((value) => /^https?:$/.test(new URL(value).protocol), "must be an http(s) URL");

/**
 * Environment variables → settings. Variable names are the keys (upper case).
 *
 * @example
 * ConfigSchema.parse({ IMAGEBUILD_ALLOWED_REPOSITORIES: "acme/images" }).allowedBranches // ["main"]
 */
export const ConfigSchema = z
  .object({
    IMAGEBUILD_ALLOWED_REPOSITORIES: list,
    IMAGEBUILD_ALLOWED_BRANCHES: list.transform((branches) =>
      branches.length > 0 ? branches : ["main"],
    ),
    IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: list,
    IMAGEBUILD_GITLAB_WEBHOOK_TOKENS: list,
    IMAGEBUILD_CODEUP_WEBHOOK_TOKENS: list,
    IMAGEBUILD_SPEC_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\/$/, "must be a relative folder ending in /")
      .default("specs/"),
    IMAGEBUILD_ENV: z.string().min(1).optional(),
    IMAGEBUILD_CONCURRENCY: integer(1, 64, 4),
    IMAGEBUILD_RATE_PER_SECOND: integer(1, 1000, 5),
    IMAGEBUILD_BODY_LIMIT_BYTES: integer(1024, 32 * 1024 * 1024, DEFAULT_BODY_LIMIT_BYTES),
    IMAGEBUILD_HTTP_DEADLINE_MS: integer(100, 9000, DEFAULT_HTTP_DEADLINE_MS),
    IMAGEBUILD_SKIP_EXISTING: z.enum(["true", "false"]).default("false"),
    IMAGEBUILD_ALLOWED_SOURCE_HOSTS: list,
    IMAGEBUILD_GITHUB_API_URL: httpsOrLocalUrl.default("https://api.github.com"),
    IMAGEBUILD_GITLAB_API_URL: httpsOrLocalUrl.optional(),
    IMAGEBUILD_CODEUP_API_URL: httpsOrLocalUrl.optional(),
    IMAGEBUILD_CODEUP_ORGANIZATION_ID: z.string().min(1).optional(),
    IMAGEBUILD_OSS_ENDPOINT: httpsOrLocalUrl.optional(),
    IMAGEBUILD_LOCAL_REPO: z.string().min(1).optional(),
    IMAGEBUILD_TIMER_SOURCE: z.string().min(1).optional(),
    IMAGEBUILD_TIMER_SCHEDULE: z.string().min(1).default("0 0 * * * *"),
    // The OSS buckets whose uploads are read. Empty (the default) accepts none: an upload names its
    // own bucket, so "any bucket" would let any bucket that can invoke the function choose the specs.
    IMAGEBUILD_ALLOWED_BUCKETS: list,
    IMAGEBUILD_GITHUB_TOKEN: z.string().min(1).optional(),
    IMAGEBUILD_GITLAB_TOKEN: z.string().min(1).optional(),
    IMAGEBUILD_CODEUP_TOKEN: z.string().min(1).optional(),
  })
  .transform((env) => ({
    allowedRepositories: env.IMAGEBUILD_ALLOWED_REPOSITORIES,
    allowedBranches: env.IMAGEBUILD_ALLOWED_BRANCHES,
    githubSecrets: env.IMAGEBUILD_GITHUB_WEBHOOK_SECRETS,
    gitlabTokens: env.IMAGEBUILD_GITLAB_WEBHOOK_TOKENS,
    codeupTokens: env.IMAGEBUILD_CODEUP_WEBHOOK_TOKENS,
    specPrefix: env.IMAGEBUILD_SPEC_PREFIX,
    specEnv: env.IMAGEBUILD_ENV,
    concurrency: env.IMAGEBUILD_CONCURRENCY,
    ratePerSecond: env.IMAGEBUILD_RATE_PER_SECOND,
    bodyLimitBytes: env.IMAGEBUILD_BODY_LIMIT_BYTES,
    httpDeadlineMs: env.IMAGEBUILD_HTTP_DEADLINE_MS,
    skipExisting: env.IMAGEBUILD_SKIP_EXISTING === "true",
    allowedSourceHosts: env.IMAGEBUILD_ALLOWED_SOURCE_HOSTS.map((host) => host.toLowerCase()),
    githubApiUrl: env.IMAGEBUILD_GITHUB_API_URL,
    gitlabApiUrl: env.IMAGEBUILD_GITLAB_API_URL,
    codeupApiUrl: env.IMAGEBUILD_CODEUP_API_URL,
    codeupOrganizationId: env.IMAGEBUILD_CODEUP_ORGANIZATION_ID,
    ossEndpoint: env.IMAGEBUILD_OSS_ENDPOINT,
    localRepo: env.IMAGEBUILD_LOCAL_REPO,
    timerSource: env.IMAGEBUILD_TIMER_SOURCE,
    timerSchedule: env.IMAGEBUILD_TIMER_SCHEDULE,
    allowedBuckets: env.IMAGEBUILD_ALLOWED_BUCKETS,
    githubToken: env.IMAGEBUILD_GITHUB_TOKEN,
    gitlabToken: env.IMAGEBUILD_GITLAB_TOKEN,
    codeupToken: env.IMAGEBUILD_CODEUP_TOKEN,
  }));

/** The function's settings. */
export type TriggerConfig = z.output<typeof ConfigSchema>;

/**
 * Reads the settings from `env`; a bad value throws `SchemaValidationError` naming the variable.
 * Secrets stay in memory only: nothing here logs them.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): TriggerConfig {
  const picked = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith("IMAGEBUILD_") && value !== ""),
  );
  const result = ConfigSchema.safeParse(picked);
  if (result.success) return result.data;
  throw new SchemaValidationError({
    schema: "BuildTriggerConfig",
    source: "environment",
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String),
      code: "invalid",
      message: issue.message,
    })),
  });
}

/**
 * Every secret value in the settings, so the logger can scrub them from any line.
 *
 * @example
 * createLogger({ secrets: configSecrets(config, process.env) });
 */
export function configSecrets(
  config: TriggerConfig,
  env: Readonly<Record<string, string | undefined>> = {},
): string[] {
  // Registry credentials resolved into requests, and any credential-looking variable, are scrubbed too.
  const fromEnv = Object.entries(env)
    .filter(([key]) => /^IMAGEBUILD_SECRET_|SECRET|TOKEN|PASSWORD/i.test(key))
    .map(([, value]) => value ?? "")
    .filter((value) => value.length >= 8);
  return [
    ...fromEnv,
    ...config.githubSecrets,
    ...config.gitlabTokens,
    ...config.codeupTokens,
    ...[config.githubToken, config.gitlabToken, config.codeupToken].filter(
      (token): token is string => token !== undefined,
    ),
  ];
}
