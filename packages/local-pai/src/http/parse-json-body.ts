/** Parses a request body as JSON, answering 400 `InvalidParameter` when it is not JSON. */
import { ApiError } from "./api-error.ts";

/**
 * Parses the body; an empty body is `{}` so that missing fields are reported by name.
 *
 * @example
 * parseJsonBody(Buffer.from('{"Name":"a"}')) // { Name: "a" }
 */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new ApiError({
      statusCode: 400,
      code: "InvalidParameter",
      message: `request body: is not valid JSON (${(error as Error).message})`,
      cause: error,
    });
  }
}
