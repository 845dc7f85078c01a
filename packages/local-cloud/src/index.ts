/** @imagebuild/local-cloud: the cloud around the function, on one machine — FC host and triggers, OSS bucket, git-host API, the dev pipeline. */
export {
  startDevPipeline,
  DEV_BUCKET,
  DEV_REGION,
  type DevPipeline,
} from "./dev/start-dev-pipeline.ts";
export {
  deliverPush,
  parseWebhookAnswer,
  resultsOf,
  PUSH_REDELIVERIES,
  type PushAnswer,
} from "./dev/deliver-push.ts";
export { describeResult } from "./dev/describe-result.ts";
export { followBuilds, type BuildFollower } from "./dev/follow-builds.ts";
export { formatLogLine } from "./dev/format-log-line.ts";
export { seedBucketDefaults } from "./dev/seed-bucket-defaults.ts";
export { summarizeImages } from "./dev/summarize-images.ts";
export {
  startFcHost,
  LOCAL_ACCOUNT_ID,
  type FcHost,
  type TriggerKind,
  FC_ENDPOINT_VARIABLE,
} from "./fc/start-fc-host.ts";
export { startFcApiServer, type FcApiServer, ASYNC_PAYLOAD_MAX_BYTES } from "./fc/fc-api-server.ts";
export {
  createAsyncInvocations,
  type AsyncInvocations,
  type AsyncInvokeConfig,
  type AsyncTask,
} from "./fc/async-invocations.ts";
export { readSYamlFunction, type SYamlFunction } from "./fc/read-s-yaml-function.ts";
export { resolveSVariables, SVariableError } from "./fc/resolve-s-variables.ts";
export { ensureFunctionCode, FunctionCodeError } from "./fc/ensure-function-code.ts";
export { startFunctionProcess, type FunctionProcess } from "./fc/start-function-process.ts";
export {
  FunctionInvocationError,
  type FcInvoke,
  type FcInvocationContext,
} from "./fc/fc-invoke.ts";
export { startHttpTriggerServer, type HttpTriggerServer } from "./fc/http-trigger-server.ts";
export { toFcHttpEvent, sendFcResponse, canonicalHeaderName } from "./fc/fc-http-event.ts";
export { timerTriggersOf, startTimers, type TimerTriggerSpec } from "./fc/timer-triggers.ts";
export { ossTriggersOf, type OssTriggerSpec } from "./fc/oss-triggers-of.ts";
export {
  startGitHostServer,
  type GitHostServer,
  type RecordedStatus,
} from "./git-host/git-host-server.ts";
export { startChatServer, type ChatServer, type RecordedDigest } from "./chat/chat-server.ts";
export { gitPushPayload, sendGithubPush } from "./git-host/git-push-event.ts";
export { startLocalOssServer, type LocalOssServer } from "./oss/local-oss-server.ts";
export { ossV4Authorization } from "./oss/oss-v4-authorization.ts";
export { watchBucket, ossCreatedEvent, type BucketWatcher } from "./oss/watch-bucket.ts";
