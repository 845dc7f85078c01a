/** Loads @imagebuild/schema on first use, so importing the client to sign or verify stays cheap. */

let schemaModule: Promise<typeof import("@imagebuild/schema")> | undefined;

/**
 * The schema module (validators, zod), imported once.
 *
 * @example
 * const { validators } = await loadSchema();
 */
export function loadSchema(): Promise<typeof import("@imagebuild/schema")> {
  schemaModule ??= import("@imagebuild/schema");
  return schemaModule;
}
