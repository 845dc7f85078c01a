/** The credentials OSS requests are signed with: the function role's STS pair, else the environment's. */
import type { FcContext } from "./handler-deps.ts";
import type { OssCredentials } from "./sources/oss-source.ts";

/**
 * `context.credentials` (Function Compute passes the role's STS pair per invocation), else
 * `ALIBABA_CLOUD_ACCESS_KEY_ID` / `_SECRET` / `ALIBABA_CLOUD_SECURITY_TOKEN`.
 *
 * @example
 * const credentials = ossCredentials(context, process.env);
 */
export function ossCredentials(
  context: FcContext,
  env: Readonly<Record<string, string | undefined>>,
): OssCredentials {
  const fromContext = context.credentials;
  if (fromContext?.accessKeyId && fromContext.accessKeySecret) {
    return {
      accessKeyId: fromContext.accessKeyId,
      accessKeySecret: fromContext.accessKeySecret,
      securityToken: fromContext.securityToken,
    };
  }
  return {
    accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? "",
    accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? "",
    securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN,
  };
}
