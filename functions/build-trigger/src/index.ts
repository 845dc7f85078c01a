/** @imagebuild/build-trigger: the Function Compute 3.0 handler (HTTP webhooks, OSS uploads, timers). */
export { handler } from "./fc-entry.ts";
export { createHandler, type FcHandler } from "./create-handler.ts";
export { loadConfig, configSecrets, ConfigSchema, type TriggerConfig } from "./config.ts";
export { createLogger, type Logger } from "./logger.ts";
export type { FcContext, HandlerDeps, TriggerClient } from "./handler-deps.ts";
export { recognizeEvent, type RecognizedEvent } from "./recognize-event.ts";
export { verifyGithubSignature } from "./webhooks/verify-github-signature.ts";
export { verifyToken } from "./webhooks/verify-token.ts";
export { changedSpecPaths, isSpecPath } from "./webhooks/changed-spec-paths.ts";
export { HttpEventSchema, rawBody, type HttpEvent } from "./events/http.ts";
export { OssEventSchema, decodeObjectKey, rejectSpecKey, type OssEvent } from "./events/oss.ts";
export {
  TimerEventSchema,
  TimerPayloadSchema,
  parseTimerPayload,
  type TimerEvent,
} from "./events/timer.ts";
export { GIT_PROVIDERS, detectProvider, findProvider } from "./providers/index.ts";
export type { GitProvider, GitProviderSettings, ParsedPush } from "./providers/git-provider.ts";
export { githubProvider, githubSource } from "./providers/github.ts";
export { gitlabProvider, gitlabSource } from "./providers/gitlab.ts";
export { codeupProvider, codeupSource } from "./providers/codeup.ts";
export { ossSource, type OssCredentials } from "./sources/oss-source.ts";
export { signOssV4, ossEncode } from "./oss/sign-oss-v4.ts";
export { latestSlot, previousSlot, assertCron } from "./schedule-slot.ts";
export { SourceError, RetryableBuildError } from "./errors.ts";
