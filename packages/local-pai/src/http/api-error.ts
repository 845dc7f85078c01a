/** An error the service answers with PAI's envelope: an HTTP status and a gateway or service code. */
import type { FieldIssue } from "@imagebuild/schema";
import { MAX_ISSUES_IN_MESSAGE } from "./input-limits.ts";

/**
 * A failed call. `code` is the wire `Code` (e.g. `MissingParameter`), `statusCode` the HTTP status.
 *
 * @example
 * throw new ApiError({ statusCode: 404, code: "InvalidImageId.NotFound", message: "image image-x does not exist" });
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly code: string;
  readonly statusCode: number;
  /** Extra response headers, e.g. `x-acs-retry-after` on throttling. */
  readonly headers: Record<string, string>;

  constructor({
    statusCode,
    code,
    message,
    headers = {},
    cause,
  }: {
    statusCode: number;
    code: string;
    message: string;
    headers?: Record<string, string>;
    cause?: unknown;
  }) {
    super(message, { cause });
    this.statusCode = statusCode;
    this.code = code;
    this.headers = headers;
  }
}

/**
 * Maps schema issues to one ApiError: any missing field makes it 400 `MissingParameter`
 * (`WorkspaceId is required`), anything else 400 `InvalidParameter` naming the field. At most
 * `MAX_ISSUES_IN_MESSAGE` issues are spelled out; the message counts the rest.
 *
 * @example
 * issuesToApiError([{ path: ["Image", "Name"], code: "missing", message: "is required" }])
 * // ApiError MissingParameter "Image.Name: is required"
 */
export function issuesToApiError(issues: FieldIssue[], prefix: string[] = []): ApiError {
  const missing = issues.filter((issue) => issue.code === "missing");
  const chosen = missing.length > 0 ? missing : issues;
  const named = chosen
    .slice(0, MAX_ISSUES_IN_MESSAGE)
    .map((issue) => {
      const field = [...prefix, ...issue.path].join(".") || "request body";
      if (issue.code === "missing") {
        return issue.path.length === 1 && prefix.length === 0
          ? `${field} is required`
          : `${field}: is required`;
      }
      return `${field}: ${issue.message}`;
    })
    .join("; ");
  const more = chosen.length - MAX_ISSUES_IN_MESSAGE;
  const message = more > 0 ? `${named}; and ${more} more` : named;
  return new ApiError({
    statusCode: 400,
    code: missing.length > 0 ? "MissingParameter" : "InvalidParameter",
    message,
  });
}
