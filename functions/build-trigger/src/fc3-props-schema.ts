/** A zod schema of the Serverless Devs `fc3` props this project's s.yaml uses, checked offline in CI. */
import { z } from "zod";
import { TimerPayloadSchema } from "./events/timer.ts";
import { assertCron } from "./schedule-slot.ts";

const REGIONS = [
  "cn-hangzhou",
  "cn-shanghai",
  "cn-beijing",
  "cn-zhangjiakou",
  "cn-huhehaote",
  "cn-wulanchabu",
  "cn-shenzhen",
  "cn-chengdu",
  "cn-hongkong",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-5",
  "ap-southeast-7",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-south-1",
  "eu-central-1",
  "eu-west-1",
  "us-west-1",
  "us-east-1",
  "me-central-1",
] as const;
const HTTP_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"] as const;
const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9._-]+$/;
const OSS_EVENT =
  /^oss:(ObjectCreated:(\*|PutObject|PostObject|CopyObject|AppendObject|CompleteMultipartUpload|InitiateMultipartUpload|UploadPart|UploadPartCopy|PutSymlink)|ObjectRemoved:(DeleteObject|DeleteObjects|AbortMultipartUpload)|ObjectModified:UpdateObjectMeta)$/;
const TIMER_PAYLOAD_MAX_BYTES = 128 * 1024;

/** FC's 6-field cron (`s m h dom mon dow`), optionally `CRON_TZ=<zone> ` first; `@every 4m` also accepted. */
const CronExpression = z.string().superRefine((value, ctx) => {
  if (/^@every \d+[smh]$/.test(value)) return;
  const fields = value
    .replace(/^CRON_TZ=\S+\s+/, "")
    .trim()
    .split(/\s+/);
  if (fields.length !== 6) {
    ctx.addIssue({
      code: "custom",
      message: `must have 6 fields (s m h dom mon dow), has ${fields.length}`,
    });
    return;
  }
  try {
    assertCron(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `is not a valid cron: ${String(error)}` });
  }
});

const TriggerBase = {
  triggerName: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,127}$/),
  description: z.string().optional(),
  qualifier: z.string().optional(),
};

/**
 * One trigger, by type: the fields fc3's schema has for http, oss and timer triggers.
 *
 * @example
 * Fc3TriggerSchema.parse({ triggerName: "t", triggerType: "timer", triggerConfig: { cronExpression: "0 0 4 * * *", enable: true } });
 */
export const Fc3TriggerSchema = z.discriminatedUnion("triggerType", [
  z
    .object({
      ...TriggerBase,
      triggerType: z.literal("http"),
      triggerConfig: z
        .object({
          authType: z.enum(["anonymous", "function", "jwt"]),
          methods: z.array(z.enum(HTTP_METHODS)).min(1),
          disableURLInternet: z.boolean().optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...TriggerBase,
      triggerType: z.literal("oss"),
      sourceArn: z.string().regex(/^acs:oss:[a-z0-9-]+:\d+:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/),
      invocationRole: z.string().regex(ROLE_ARN),
      triggerConfig: z
        .object({
          events: z.array(z.string().regex(OSS_EVENT)).min(1),
          filter: z
            .object({ key: z.object({ prefix: z.string(), suffix: z.string() }).strict() })
            .strict(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...TriggerBase,
      triggerType: z.literal("timer"),
      triggerConfig: z
        .object({
          cronExpression: CronExpression,
          enable: z.boolean(),
          payload: z
            .string()
            .max(TIMER_PAYLOAD_MAX_BYTES)
            .refine(
              (payload) => TimerPayloadSchema.safeParse(JSON.parse(payload)).success,
              "must be a timer payload",
            )
            .optional(),
        })
        .strict(),
    })
    .strict(),
]);

/**
 * The function props (`resources.<name>.props`) for a built-in nodejs20 runtime.
 *
 * @example
 * Fc3PropsSchema.safeParse(rendered.resources["build-trigger"].props).success
 */
export const Fc3PropsSchema = z
  .object({
    region: z.enum(REGIONS),
    functionName: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,127}$/),
    description: z.string().max(256).optional(),
    runtime: z.literal("nodejs20"),
    code: z.string().min(1),
    handler: z.string().regex(/^[A-Za-z0-9_.-]+\.[A-Za-z_$][A-Za-z0-9_$]*$/),
    memorySize: z.number().int().min(128).max(32768).multipleOf(64),
    cpu: z.number().min(0.05).max(16),
    diskSize: z.union([z.literal(512), z.literal(10240)]),
    timeout: z.number().int().min(1).max(86400),
    internetAccess: z.boolean(),
    role: z.string().regex(ROLE_ARN),
    environmentVariables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()),
    logConfig: z.union([
      z.literal("auto"),
      z.object({
        project: z.string(),
        logstore: z.string(),
        enableRequestMetrics: z.boolean().optional(),
        enableInstanceMetrics: z.boolean().optional(),
      }),
    ]),
    asyncInvokeConfig: z
      .object({
        maxAsyncRetryAttempts: z.number().int().min(0).max(8),
        maxAsyncEventAgeInSeconds: z.number().int().min(1).max(2592000),
        asyncTask: z.boolean().optional(),
      })
      .strict(),
    triggers: z.array(Fc3TriggerSchema).min(1),
  })
  .strict();

const RamStatement = z
  .object({
    Effect: z.enum(["Allow", "Deny"]),
    Action: z.array(z.string().min(1)).min(1),
    Resource: z.array(z.string().min(1)).min(1),
  })
  .strict();

/**
 * A RAM role resource (Serverless Devs `ram` component): the function's role and its policies.
 *
 * @example
 * RamRolePropsSchema.parse({ name: "r", service: "fc.aliyuncs.com", policies: [] });
 */
export const RamRolePropsSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9.-]{1,64}$/),
    description: z.string().optional(),
    service: z.string().min(1),
    policies: z.array(
      z
        .object({
          name: z.string().min(1),
          description: z.string().optional(),
          statement: z.array(RamStatement).min(1),
        })
        .strict(),
    ),
  })
  .strict();

/**
 * The parts of a rendered s.yaml (`s preview -o json`) the check reads.
 *
 * @example
 * SYamlSchema.parse(JSON.parse(previewJson)).resources["build-trigger"]?.props.runtime // "nodejs20"
 */
export const SYamlSchema = z.object({
  edition: z.literal("3.0.0"),
  name: z.string().min(1),
  resources: z.record(
    z.string(),
    z.discriminatedUnion("component", [
      z.object({
        component: z.literal("fc3"),
        actions: z
          .object({ "pre-deploy": z.array(z.object({ run: z.string(), path: z.string() })).min(1) })
          .optional(),
        props: Fc3PropsSchema,
      }),
      z.object({ component: z.literal("ram"), props: RamRolePropsSchema }),
    ]),
  ),
});

/** A checked s.yaml document. */
export type SYaml = z.infer<typeof SYamlSchema>;
