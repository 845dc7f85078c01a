/** @imagebuild/local-pai: a PAI-compatible local image build service (SQLite state, buildah builds, a real registry). */
export { LocalPaiConfigError } from "./check-options.ts";
export { createLocalPai, type LocalPai, type LocalPaiOptions } from "./create-local-pai.ts";
export {
  isProcessAlive,
  LocalPaiInUseError,
  readServiceState,
  SERVICE_STATE_FILE,
  type ServiceState,
} from "./service-state.ts";
export { startService, type RunningService, type StartServiceOptions } from "./start-service.ts";
export { type AccessKey, ANONYMOUS_CALLER } from "./auth/authenticate.ts";
export {
  LOCAL_KEYS_FILE,
  type LocalKeys,
  LocalKeysError,
  loadOrCreateLocalKeys,
} from "./auth/local-keys.ts";
export type { RateLimit } from "./auth/token-bucket.ts";
export { createLogger, type Logger, type LogFormat, SILENT_LOGGER } from "./logger.ts";
export type { Builder, BuildOutcome, BuildPhase, BuildTask } from "./queue/builder.ts";
export { CLIENT_TOKEN_TTL_MS } from "./store/client-token-store.ts";
export { SERVICE_RESTARTED } from "./store/job-store.ts";
export { JOB_STOPPED_BY_USER, SERVICE_STOPPED } from "./queue/build-queue.ts";
export { DEFAULT_BODY_LIMIT_BYTES } from "./http/read-body.ts";
export type { RegistryHandle } from "./system/index.ts";
export {
  ensureSystemPackages,
  HOST_NETWORK_FLAG,
  RegistryInUseError,
  startRegistry,
  SystemPackagesMissingError,
} from "./system/index.ts";
export { missingSystemPackages, SYSTEM_PACKAGES } from "./system/ensure-system-packages.ts";
