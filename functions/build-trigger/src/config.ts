/** The function's settings, read from environment variables: one zod schema, plus each git provider's own. */
// Subpaths, not the core index: every event reads the settings, and the index would evaluate all of
// core at the function's cold start (the HTTP intake never builds).
import {
  DEFAULT_DISPATCH_CONCURRENCY,
  DEFAULT_DISPATCH_RATE_PER_SECOND,
  MAX_DISPATCH_CONCURRENCY,
  MAX_DISPATCH_RATE_PER_SECOND,
} from "@imagebuild/core/dispatch-defaults";
import { parseSecretHosts } from "@imagebuild/core/secret-hosts";
import { SchemaValidationError } from "@imagebuild/schema";
import { z } from "zod";
import { envHttpUrl, envList, envRegistryMirrors } from "./env-fields.ts";
import { GIT_PROVIDERS } from "./providers/index.ts";
import type { GitProviderSettings } from "./providers/git-provider.ts";
import {
  type ReportSettings,
  ReportSettingsSchema,
  reportSecrets,
} from "./report/report-settings.ts";

const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
const DEFAULT_HTTP_DEADLINE_MS = 8000;
/** Follow a record's builds for two hours at most, then report "gave up following after …". */
const DEFAULT_FOLLOW_LIMIT_SECONDS = 2 * 3600;
/** One follow invocation polls this long, inside s.yaml's 60 s function timeout, then re-invokes. */
const DEFAULT_FOLLOW_SLICE_SECONDS = 45;
/** Between two GetJob rounds of a follow invocation. */
const DEFAULT_FOLLOW_POLL_MS = 10_000;

const list = envList;
const httpsOrLocalUrl = envHttpUrl;

const integer = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * Environment variables → settings. Variable names are the keys (upper case). The git providers'
 * variables (`IMAGEBUILD_GITHUB_*`, …) are each provider's `settings` schema, read by `loadConfig`.
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
    IMAGEBUILD_SPEC_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\/$/, "must be a relative folder ending in /")
      .default("specs/"),
    IMAGEBUILD_ENV: z.string().min(1).optional(),
    // The registry of IMAGEBUILD_ENV's specs that name none, beneath every _defaults.yaml (the local service's, in dev).
    IMAGEBUILD_DEFAULT_REGISTRY: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
        "must be a registry host and namespace, e.g. 127.0.0.1:5000/pai",
      )
      .optional(),
    IMAGEBUILD_CONCURRENCY: integer(1, MAX_DISPATCH_CONCURRENCY, DEFAULT_DISPATCH_CONCURRENCY),
    IMAGEBUILD_RATE_PER_SECOND: integer(
      1,
      MAX_DISPATCH_RATE_PER_SECOND,
      DEFAULT_DISPATCH_RATE_PER_SECOND,
    ),
    IMAGEBUILD_BODY_LIMIT_BYTES: integer(1024, 32 * 1024 * 1024, DEFAULT_BODY_LIMIT_BYTES),
    IMAGEBUILD_HTTP_DEADLINE_MS: integer(100, 9000, DEFAULT_HTTP_DEADLINE_MS),
    IMAGEBUILD_SKIP_EXISTING: z.enum(["true", "false"]).default("false"),
    IMAGEBUILD_ALLOWED_SOURCE_HOSTS: list,
    IMAGEBUILD_OSS_ENDPOINT: httpsOrLocalUrl.optional(),
    IMAGEBUILD_TIMER_SOURCE: z.string().min(1).optional(),
    IMAGEBUILD_TIMER_SCHEDULE: z.string().min(1).default("0 0 * * * *"),
    // The OSS buckets whose uploads are read. Empty (the default) accepts none: an upload names its
    // own bucket, so "any bucket" would let any bucket that can invoke the function choose the specs.
    IMAGEBUILD_ALLOWED_BUCKETS: list,
    // Which registry hosts each IMAGEBUILD_SECRET_<NAME> may be sent to (JSON). Unset binds nothing, so
    // a spec can name no credential. core's buildSpecs reads it from the same environment as the secrets;
    // here a malformed value stops the function at start-up instead of failing every build.
    IMAGEBUILD_SECRET_HOSTS: z
      .string()
      .optional()
      .superRefine((value, context) => {
        try {
          parseSecretHosts({ IMAGEBUILD_SECRET_HOSTS: value });
        } catch (error) {
          const message = (error as Error).message.replace(/^IMAGEBUILD_SECRET_HOSTS: /, "");
          context.addIssue({ code: "custom", message });
        }
      }),
    // Where base images are HEADed for their digests: image-name host → the registry serving it
    // (JSON, see the README). The local stack points docker.io at its registry; production leaves it unset.
    IMAGEBUILD_REGISTRY_MIRRORS: envRegistryMirrors,
    // The FC API the HTTP trigger enqueues job records through; default: the function's region endpoint.
    IMAGEBUILD_FC_ENDPOINT: httpsOrLocalUrl.optional(),
    // Following builds: 0 turns it off; each follow invocation polls for a slice, then hands on.
    IMAGEBUILD_FOLLOW_LIMIT_SECONDS: integer(0, 7 * 24 * 3600, DEFAULT_FOLLOW_LIMIT_SECONDS),
    IMAGEBUILD_FOLLOW_SLICE_SECONDS: integer(1, 24 * 3600, DEFAULT_FOLLOW_SLICE_SECONDS),
    IMAGEBUILD_FOLLOW_POLL_MS: integer(50, 600_000, DEFAULT_FOLLOW_POLL_MS),
  })
  .transform((env) => ({
    allowedRepositories: env.IMAGEBUILD_ALLOWED_REPOSITORIES,
    allowedBranches: env.IMAGEBUILD_ALLOWED_BRANCHES,
    specPrefix: env.IMAGEBUILD_SPEC_PREFIX,
    specEnv: env.IMAGEBUILD_ENV,
    environmentDefaults:
      env.IMAGEBUILD_ENV && env.IMAGEBUILD_DEFAULT_REGISTRY
        ? { [env.IMAGEBUILD_ENV]: { registry: env.IMAGEBUILD_DEFAULT_REGISTRY } }
        : undefined,
    concurrency: env.IMAGEBUILD_CONCURRENCY,
    ratePerSecond: env.IMAGEBUILD_RATE_PER_SECOND,
    bodyLimitBytes: env.IMAGEBUILD_BODY_LIMIT_BYTES,
    httpDeadlineMs: env.IMAGEBUILD_HTTP_DEADLINE_MS,
    skipExisting: env.IMAGEBUILD_SKIP_EXISTING === "true",
    allowedSourceHosts: env.IMAGEBUILD_ALLOWED_SOURCE_HOSTS.map((host) => host.toLowerCase()),
    ossEndpoint: env.IMAGEBUILD_OSS_ENDPOINT,
    timerSource: env.IMAGEBUILD_TIMER_SOURCE,
    timerSchedule: env.IMAGEBUILD_TIMER_SCHEDULE,
    allowedBuckets: env.IMAGEBUILD_ALLOWED_BUCKETS,
    secretHosts: parseSecretHosts({ IMAGEBUILD_SECRET_HOSTS: env.IMAGEBUILD_SECRET_HOSTS }),
    registryMirrors: env.IMAGEBUILD_REGISTRY_MIRRORS,
    fcEndpoint: env.IMAGEBUILD_FC_ENDPOINT,
    followLimitMs: env.IMAGEBUILD_FOLLOW_LIMIT_SECONDS * 1000,
    followSliceMs: env.IMAGEBUILD_FOLLOW_SLICE_SECONDS * 1000,
    followPollMs: env.IMAGEBUILD_FOLLOW_POLL_MS,
  }));

/** The function's settings; `providers` holds each registered git provider's, by name. */
export type TriggerConfig = z.output<typeof ConfigSchema> & {
  providers: Readonly<Record<string, GitProviderSettings>>;
  /** Commit statuses and chat digests (`report/report-settings.ts`). */
  report: ReportSettings;
};

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
  const issues = result.success ? [] : [...result.error.issues];
  const providers: Record<string, GitProviderSettings> = {};
  for (const provider of GIT_PROVIDERS) {
    const settings = provider.settings.safeParse(picked);
    if (settings.success) providers[provider.name] = settings.data;
    else issues.push(...settings.error.issues);
  }
  const report = ReportSettingsSchema.safeParse(picked);
  if (!report.success) issues.push(...report.error.issues);
  if (result.success && report.success && issues.length === 0)
    return { ...result.data, providers, report: report.data };
  throw new SchemaValidationError({
    schema: "BuildTriggerConfig",
    source: "environment",
    issues: issues.map((issue) => ({
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
    ...reportSecrets(config.report),
    ...Object.values(config.providers).flatMap((settings) => [
      ...settings.webhookSecrets,
      ...(settings.token === undefined ? [] : [settings.token]),
    ]),
  ];
}
