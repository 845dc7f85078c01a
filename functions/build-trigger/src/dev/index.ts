/** @imagebuild/build-trigger/dev: what `imagebuild dev` uses to run the function's pipeline on one machine. */
export {
  startDevPipeline,
  DEV_BUCKET,
  DEV_REGION,
  type DevPipeline,
  type SpecResult,
} from "./dev-pipeline.ts";
export { gitPushPayload, sendGithubPush } from "./git-push-event.ts";
export { hostHandler, type HostedHandler } from "./host-handler.ts";
export { toFcHttpEvent, sendFcResponse, canonicalHeaderName } from "./fc-http-event.ts";
export { startLocalOssServer, type LocalOssServer } from "./local-oss-server.ts";
export { watchBucket, ossCreatedEvent, type BucketWatcher } from "./watch-bucket.ts";
export { timerTriggersFromSYaml, startTimers, type TimerTriggerSpec } from "./timer-triggers.ts";
