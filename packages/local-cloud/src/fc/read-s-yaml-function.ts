/** The fc3 function an s.yaml deploys, with its variables resolved as `s` would resolve them. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { resolveSVariables } from "./resolve-s-variables.ts";

const Fc3Resource = z.object({
  component: z.literal("fc3"),
  actions: z
    .object({
      "pre-deploy": z.array(z.object({ run: z.string(), path: z.string().default("./") })),
    })
    .partial()
    .optional(),
  props: z.object({
    region: z.string(),
    functionName: z.string(),
    runtime: z.string(),
    code: z.string(),
    handler: z.string(),
    memorySize: z.number().int().default(512),
    timeout: z.number().int().default(3),
    environmentVariables: z.record(z.string(), z.string()).default({}),
    triggers: z.array(z.unknown()).default([]),
    asyncInvokeConfig: z
      .object({ maxAsyncRetryAttempts: z.number().int().min(0).max(8).default(3) })
      .default({ maxAsyncRetryAttempts: 3 }),
  }),
});

/** One fc3 function of an s.yaml, paths absolute. */
export interface SYamlFunction {
  resource: string;
  functionName: string;
  region: string;
  runtime: string;
  /** `props.code`, resolved against the s.yaml folder. */
  codeDir: string;
  /** `props.handler`, e.g. `index.handler` (file `index.mjs` or `index.js`, export `handler`). */
  handler: string;
  memorySize: number;
  timeoutSeconds: number;
  environmentVariables: Record<string, string>;
  triggers: unknown[];
  /** `props.asyncInvokeConfig` (FC's defaults when absent). */
  asyncInvokeConfig: { maxAsyncRetryAttempts: number };
  /** `actions.pre-deploy` commands (the bundle step), each with its absolute working folder. */
  preDeploy: { run: string; cwd: string }[];
}

/**
 * Reads the fc3 resource of `sYamlPath` (the first one, or `resource`), with `${env(...)}` read
 * from `env` and `${vars.*}` substituted, as `s deploy` would render it.
 *
 * @example
 * const fn = readSYamlFunction({ sYamlPath: "s.yaml", env: process.env });
 * fn.environmentVariables.IMAGEBUILD_SPEC_PREFIX // "specs/"
 */
export function readSYamlFunction({
  sYamlPath,
  env,
  resource,
}: {
  sYamlPath: string;
  env: Readonly<Record<string, string | undefined>>;
  resource?: string;
}): SYamlFunction {
  const doc = resolveSVariables(parse(readFileSync(sYamlPath, "utf8")), env) as {
    resources?: Record<string, unknown>;
  };
  const entries = Object.entries(doc.resources ?? {}).filter(
    ([name, value]) =>
      (resource === undefined || name === resource) &&
      (value as { component?: unknown }).component === "fc3",
  );
  const [name, raw] = entries[0] ?? [];
  if (name === undefined)
    throw new Error(`${sYamlPath}: no fc3 resource${resource ? ` named ${resource}` : ""}`);
  const parsed = Fc3Resource.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${sYamlPath}: resources.${name}.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`,
    );
  }
  const { props, actions } = parsed.data;
  const base = path.dirname(path.resolve(sYamlPath));
  return {
    resource: name,
    functionName: props.functionName,
    region: props.region,
    runtime: props.runtime,
    codeDir: path.resolve(base, props.code),
    handler: props.handler,
    memorySize: props.memorySize,
    timeoutSeconds: props.timeout,
    environmentVariables: props.environmentVariables,
    triggers: props.triggers,
    asyncInvokeConfig: { maxAsyncRetryAttempts: props.asyncInvokeConfig.maxAsyncRetryAttempts },
    preDeploy: (actions?.["pre-deploy"] ?? []).map((action) => ({
      run: action.run,
      cwd: path.resolve(base, action.path),
    })),
  };
}
