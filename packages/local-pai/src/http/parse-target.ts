/** Parses an HTTP request target into a URL without letting `//host/path` name another host. */
import { ApiError } from "./api-error.ts";

/**
 * The request target as a URL. The target is appended to a fixed origin rather than resolved against
 * it: `//host/path` must stay a path, not become another host. A target no URL can hold is a 400.
 *
 * @example
 * parseTarget("//evil/api/v1/images").pathname // "//evil/api/v1/images"
 */
export function parseTarget(target: string): URL {
  try {
    return new URL(`http://local${target.startsWith("/") ? "" : "/"}${target}`);
  } catch (error) {
    throw new ApiError({
      statusCode: 400,
      code: "InvalidParameter",
      message: "request target: is not a valid path and query",
      cause: error,
    });
  }
}
