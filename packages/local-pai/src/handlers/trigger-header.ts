/** The optional `x-imagebuild-trigger` header of CreateImageBuild: what started a build, shown by the console. */
import type { IncomingHttpHeaders } from "node:http";
import { ApiError } from "../http/api-error.ts";

/** The header a client may send with CreateImageBuild; PAI ignores unknown headers, so the cloud is unaffected. */
export const TRIGGER_HEADER = "x-imagebuild-trigger";
/** `push:<commit>`, `oss:<object key>`, `timer:<slot>` or `cli`, with an optional detail after the colon. */
const TRIGGER_PATTERN = /^(push|oss|timer|cli)(:[\x21-\x7e][\x20-\x7e]{0,255})?$/;

/**
 * The trigger a request names, undefined when it names none; 400 `InvalidParameter` when the header is malformed.
 *
 * @example
 * triggerOf({ "x-imagebuild-trigger": "push:9fceb02" }) // "push:9fceb02"
 */
export function triggerOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers[TRIGGER_HEADER];
  if (value === undefined) return undefined;
  if (typeof value === "string" && TRIGGER_PATTERN.test(value)) return value;
  throw new ApiError({
    statusCode: 400,
    code: "InvalidParameter",
    message: `${TRIGGER_HEADER}: must be push, oss, timer or cli, optionally followed by ":" and up to 256 printable ASCII characters (e.g. push:9fceb02)`,
  });
}
