/** @imagebuild/pai-client: signed (ACS3-HMAC-SHA256), retried, typed calls to PAI AIWorkspace and DLC over undici. */
export {
  createPaiClient,
  AIWORKSPACE_VERSION,
  DLC_VERSION,
  type PaiClient,
  type PaiClientOptions,
  type CallOptions,
  type ListImagesParams,
} from "./create-pai-client.ts";
export {
  BUILD_TRIGGER_HEADER,
  BUILD_TRIGGER_RULE,
  buildTrigger,
  type BuildTriggerKind,
} from "./build-trigger.ts";
export { OPERATIONS, bindOperations, type OperationMethods } from "./operations/index.ts";
export {
  queryOf,
  type OperationContext,
  type OperationCallOptions,
  type QueryParams,
} from "./operations/operation-context.ts";
export {
  signRequest,
  formatAcsDate,
  type SignRequestOptions,
  type SignedRequest,
} from "./sign-request.ts";
export {
  verifySignature,
  type VerifySignatureOptions,
  type VerifySignatureResult,
  type VerifySignatureCode,
} from "./verify-signature.ts";
export { checkAcsDate, MAX_CLOCK_SKEW_MS, type CheckAcsDateResult } from "./check-acs-date.ts";
export {
  ACS3_ALGORITHM,
  buildCanonicalRequest,
  canonicalUri,
  canonicalQueryString,
  isSignableHeader,
  type CanonicalRequest,
  type QueryInput,
  type HeadersInput,
} from "./canonical-request.ts";
export { canonicalJson } from "./canonical-json.ts";
export { percentEncode } from "./percent-encode.ts";
export { sha256Hex, hmacSha256Hex, EMPTY_BODY_SHA256 } from "./sha256-hex.ts";
export {
  staticCredentials,
  credentialsFromEnv,
  credentialsFromFcContext,
  resolveCredentials,
  resolveCredentialsWithSource,
  toCredentialsProvider,
  ENV_ACCESS_KEY_ID,
  ENV_ACCESS_KEY_SECRET,
  ENV_SECURITY_TOKEN,
  type AliyunProfileOption,
  type Credentials,
  type CredentialsProvider,
  type CredentialsSource,
  type FcContextLike,
  type ResolveCredentialsOptions,
} from "./credentials.ts";
export {
  aliyunConfigFile,
  credentialsFromAliyunProfile,
  ENV_PROFILE,
  type AliyunProfile,
} from "./aliyun-profile.ts";
export {
  resolveEndpoints,
  ENV_ENDPOINT,
  ENV_REGION,
  type PaiEndpoints,
} from "./resolve-endpoints.ts";
export {
  PaiError,
  errorFromResponse,
  type PaiErrorInit,
  type PaiClientErrorCode,
} from "./pai-error.ts";
export { type Logger, type LogFields, SILENT_LOGGER } from "./logger.ts";
export { PaiConfigError, type PaiConfigErrorCode } from "./pai-config-error.ts";
export {
  DEFAULT_RETRY,
  isRetryableError,
  isRetryableResponse,
  isThrottlingCode,
  backoffDelayMs,
  retryAfterMsFromHeaders,
  type RetryOptions,
} from "./retry-policy.ts";
export {
  createPaiTransport,
  DEFAULT_TIMEOUTS,
  type PaiTransport,
  type PaiTransportOptions,
  type PaiRequest,
  type PaiResponse,
  type TimeoutOptions,
} from "./pai-transport.ts";
export type { PaiClientEvent, PaiClientEventHandler } from "./pai-client-event.ts";
export { TERMINAL_JOB_STATUSES, type WaitForJobOptions } from "./wait-for-job.ts";
export {
  createFcInvoker,
  resolveFcEndpoint,
  ENV_FC_ENDPOINT,
  FC_API_VERSION,
  FC_ASYNC_PAYLOAD_MAX_BYTES,
  FC_ASYNC_TASK_ID_PATTERN,
  type FcInvoker,
  type InvokeFunctionRequest,
  type InvokeFunctionResult,
} from "./fc-invoker.ts";
