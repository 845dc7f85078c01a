/** Parses a request's query string with a schema validator, or throws the 400 that names the field. */
import type { Validator } from "@imagebuild/schema";
import { ApiError, issuesToApiError } from "./api-error.ts";

/**
 * The query as the validator's type; a bad or unknown field is 400 `InvalidParameter` naming it.
 *
 * @example
 * const q = parseQuery(validators.ListJobsQuery, req.query); // q.PageSize: "20" | undefined
 */
export function parseQuery<T>(validator: Validator<T>, query: URLSearchParams): T {
  const parsed = validator.safeParse(Object.fromEntries(query));
  if (!parsed.ok) throw issuesToApiError(parsed.issues);
  return parsed.value;
}

/**
 * An ISO-8601 query time as the service stores times (`toISOString()`), so stored and asked times
 * compare as strings; a value that is no date is 400 `InvalidParameter`.
 *
 * @example
 * parseQueryTime("StartTime", "2026-01-01T00:00:00Z") // "2026-01-01T00:00:00.000Z"
 */
export function parseQueryTime(field: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new ApiError({
      statusCode: 400,
      code: "InvalidParameter",
      message: `${field}: must be an ISO-8601 time such as 2026-01-01T00:00:00Z`,
    });
  }
  return new Date(ms).toISOString();
}
