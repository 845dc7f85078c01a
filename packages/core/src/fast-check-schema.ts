/**
 * Schema checks with a fast happy path: ajv (compiled once) says whether a document is valid; only when
 * it is not does the zod validator from @imagebuild/schema run, for its field-named issues. The zod
 * validator stays the judge of what is wrong (see docs/decisions/core-validation-speed.md).
 */
import { type FieldIssue, jsonSchemas, type Validator, validators } from "@imagebuild/schema";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

type SchemaName = "Spec" | "CreateImageBuildRequest";

const SCHEMAS: Record<SchemaName, { json: object; zod: Validator<unknown> }> = {
  Spec: { json: jsonSchemas.SpecSchema, zod: validators.Spec as Validator<unknown> },
  CreateImageBuildRequest: {
    json: jsonSchemas.CreateImageBuildRequestSchema,
    zod: validators.CreateImageBuildRequest as Validator<unknown>,
  },
};
const compiled = new Map<SchemaName, ValidateFunction>();
let ajv: Ajv2020 | undefined;

/**
 * Issues of `value` against the named schema; an empty list when it is valid.
 *
 * @example
 * checkSchema("Spec", { apiVersion: "imagebuild/v1", kind: "ImageBuild" }) // []
 */
export function checkSchema(name: SchemaName, value: unknown): FieldIssue[] {
  if (ajvAccepts(name, value)) return [];
  const result = SCHEMAS[name].zod.safeParse(value);
  return result.ok ? [] : result.issues;
}

/**
 * The fast path alone: whether ajv accepts `value` (tests check it agrees with zod).
 *
 * @example
 * ajvAccepts("CreateImageBuildRequest", {}) // false
 */
export function ajvAccepts(name: SchemaName, value: unknown): boolean {
  let validate = compiled.get(name);
  if (!validate) {
    // Without code optimisation the compile takes half the time; checking these small documents stays
    // far cheaper than parsing them either way.
    ajv ??= new Ajv2020({
      strict: false,
      allErrors: false,
      validateFormats: false,
      code: { optimize: false },
    });
    validate = ajv.compile(SCHEMAS[name].json);
    compiled.set(name, validate);
  }
  return validate(value);
}
