/** The system layer of the local service: system packages, the registry, base images and buildah builds. */
export type {
  BuildEnvironment,
  BuildFailureCode,
  BuildIsolation,
  BuildOutcome,
  BuildPhase,
  Logger,
  RegistryAuths,
  RegistryCredentials,
  RegistryHandle,
} from "./types.ts";
export { ensureSystemPackages } from "./ensure-system-packages.ts";
export { startRegistry } from "./start-registry.ts";
export { seedBaseImages } from "./seed-base-images.ts";
export type { BaseImageName } from "./base-image-archive.ts";
export { canPushTo } from "./can-push-to.ts";
export {
  HOST_NETWORK_FLAG,
  prepareBuildIsolation,
} from "./prepare-build-isolation.ts";
export { runBuild } from "./run-build.ts";
export { waitForBuildCleanup } from "./build-cleanup.ts";
export {
  SystemPackagesMissingError,
  RegistryStartError,
  RegistryInUseError,
  BaseImageError,
} from "./errors.ts";
