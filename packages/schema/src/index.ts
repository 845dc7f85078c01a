/** @imagebuild/schema: one JSON Schema source for the PAI contract, Function Compute events and imagebuild/v1 specs. */
export type * from "./generated/types.ts";
export * as validators from "./generated/validators.ts";
export * as jsonSchemas from "./generated/schemas.ts";
export { defineValidator, type Validator } from "./define-validator.ts";
export { SchemaValidationError, formatIssue, type FieldIssue } from "./schema-validation-error.ts";
