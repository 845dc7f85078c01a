/** Turns a bundled JSON Schema into a typed, lazily built zod validator whose errors name the field. */
import { z } from "zod";
import { SchemaValidationError, type FieldIssue } from "./schema-validation-error.ts";

/** A typed parser for one schema. */
export interface Validator<T> {
  /** The schema title, e.g. `CreateImageBuildRequest`. */
  readonly name: string;
  /** The bundled JSON Schema. */
  readonly jsonSchema: object;
  /** The zod schema, built on first use. */
  zod(): z.ZodType;
  /** Returns the input typed as T, or throws a SchemaValidationError naming each bad field. */
  parse(input: unknown, options?: { source?: string }): T;
  /** Like `parse`, without throwing. */
  safeParse(input: unknown): { ok: true; value: T } | { ok: false; issues: FieldIssue[] };
}

/**
 * Defines a validator for a bundled JSON Schema.
 *
 * @example
 * const Request = defineValidator<CreateImageBuildRequest>("CreateImageBuildRequest", schema);
 * Request.parse(body, { source: "request body" });
 */
export function defineValidator<T>(name: string, jsonSchema: object): Validator<T> {
  let built: z.ZodType | undefined;
  const zod = (): z.ZodType => {
    built ??= z.fromJSONSchema(jsonSchema as Parameters<typeof z.fromJSONSchema>[0]);
    return built;
  };
  const safeParse = (input: unknown) => {
    const result = zod().safeParse(input);
    if (result.success) return { ok: true as const, value: result.data as T };
    return {
      ok: false as const,
      issues: result.error.issues.map((issue) => toFieldIssue(issue, input)),
    };
  };
  return {
    name,
    jsonSchema,
    zod,
    safeParse,
    parse(input, { source } = {}) {
      const result = safeParse(input);
      if (result.ok) return result.value;
      throw new SchemaValidationError({ schema: name, source, issues: result.issues });
    },
  };
}

function toFieldIssue(issue: z.core.$ZodIssue, input: unknown): FieldIssue {
  const path = issue.path.map(String);
  if (issue.code !== "unrecognized_keys" && valueAt(input, path) === undefined) {
    return { path, code: "missing", message: "is required" };
  }
  if (issue.code === "unrecognized_keys") {
    return issue.keys.length === 1
      ? { path: [...path, issue.keys[0] ?? ""], code: "unknown", message: "is not a known field" }
      : { path, code: "unknown", message: `unknown fields: ${issue.keys.join(", ")}` };
  }
  if (issue.code === "invalid_format" && issue.format === "regex") {
    return {
      path,
      code: "invalid",
      message: `must match ${(issue.pattern ?? "").replace(/^\/(.*)\/[a-z]*$/, "$1")}`,
    };
  }
  if (issue.code === "invalid_value") {
    return {
      path,
      code: "invalid",
      message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
    };
  }
  return { path, code: "invalid", message: issue.message };
}

function valueAt(input: unknown, path: string[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
