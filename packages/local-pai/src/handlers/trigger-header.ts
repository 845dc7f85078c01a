/** The optional `x-imagebuild-trigger` header of CreateImageBuild: what started a build, shown by the console. */
import type { IncomingHttpHeaders } from "node:http";
import { BUILD_TRIGGER_HEADER, BUILD_TRIGGER_RULE } from "@imagebuild/pai-client";
import { validators } from "@imagebuild/schema";
import { ApiError } from "../http/api-error.ts";

/**
 * The trigger a request names (schema `BuildTrigger`: `push:<commit>`, `oss:<object key>`,
 * `timer:<slot>` or `cli`), undefined when it names none; 400 `InvalidParameter` when it is malformed.
 * PAI ignores unknown headers, and this one is not signed, so the cloud is unaffected.
 *
 * @example
 * triggerOf({ "x-imagebuild-trigger": "push:9fceb02" }) // "push:9fceb02"
 */
export function triggerOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers[BUILD_TRIGGER_HEADER];
  if (value === undefined) return undefined;
  if (typeof value === "string" && validators.BuildTrigger.safeParse(value).ok) return value;
  throw new ApiError({
    statusCode: 400,
    code: "InvalidParameter",
    message: `${BUILD_TRIGGER_HEADER}: ${BUILD_TRIGGER_RULE}`,
  });
}
