/** Checks and percent-encodes one id that goes into a request path. */
import { loadSchema } from "./load-schema.ts";
import { percentEncode } from "./percent-encode.ts";

/**
 * The encoded path segment; throws `SchemaValidationError` for an empty id, `.` or `..`.
 *
 * @example
 * await pathId("JobId", "dlc-1") // "dlc-1"
 */
export async function pathId(field: string, value: string): Promise<string> {
  // "." and ".." would be resolved away by URL parsers, so the server would see another path.
  if (typeof value !== "string" || value.trim() === "" || value === "." || value === "..") {
    const { SchemaValidationError } = await loadSchema();
    throw new SchemaValidationError({
      schema: field,
      source: "path",
      issues: [
        { path: [field], code: "invalid", message: "must be a non-empty id other than . or .." },
      ],
    });
  }
  return percentEncode(value);
}
