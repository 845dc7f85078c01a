/** The credentials OSS requests are signed with: pai-client's one precedence, then an empty pair. */
import { resolveCredentials } from "@imagebuild/pai-client/credentials";
import type { FcContext } from "./handler-deps.ts";
import type { OssCredentials } from "./sources/oss-source.ts";

/**
 * `resolveCredentials` (the role's STS pair from `context.credentials`, else the
 * `ALIBABA_CLOUD_*` variables). With neither, requests are signed with an empty pair: a real
 * bucket answers 403 (reported as a source error), a local stand-in that checks nothing answers.
 *
 * @example
 * const credentials = ossCredentials(context, process.env);
 */
export function ossCredentials(
  context: FcContext,
  env: Readonly<Record<string, string | undefined>>,
): OssCredentials {
  return resolveCredentials({ context, env }) ?? { accessKeyId: "", accessKeySecret: "" };
}
