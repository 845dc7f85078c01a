/** @imagebuild/core: specs as code — load, layer, validate, lint, plan, render, ClientToken, prepare and dispatch builds. */
export type {
  CredentialRef,
  DispatchEvent,
  DispatchItem,
  DispatchResult,
  EarlierJob,
  FinalStatus,
  InsideRead,
  PlanAction,
  PlanEntry,
  PlanResult,
  Problem,
  ResolvedSpec,
  SpecBase,
  SpecSource,
  TagPolicy,
} from "./types.ts";
export type { PaiClientLike } from "./pai-client-like.ts";
export { SpecError, formatProblem } from "./spec-error.ts";
export { byLocation } from "./by-location.ts";
export { RULES, type RuleId, type LintRule } from "./rules/index.ts";
export { SecretMissingError } from "./secret-missing-error.ts";
export { needsDigest } from "./check-base-digest.ts";
export { hasTag } from "./check-from-pinning.ts";
export { SecretScopeError } from "./secret-scope-error.ts";
export { SecretHostsError } from "./secret-hosts-error.ts";
export {
  parseSecretHosts,
  normalizeSecretName,
  SECRET_HOSTS_VARIABLE,
  type SecretHosts,
} from "./secret-hosts.ts";
export { secretScope, type SecretScope } from "./secret-scope.ts";
export { GitError } from "./run-git.ts";
export { directorySource } from "./directory-source.ts";
export { gitSource } from "./git-source.ts";
export { resolveBaseRef, DEFAULT_BASE_BRANCHES } from "./resolve-base-ref.ts";
export { findDefaultBase, type DefaultBase } from "./find-default-base.ts";
export { memorySource } from "./memory-source.ts";
export { readOnceSource } from "./read-once-source.ts";
export { type SpecFileChecks, specFileChecks } from "./spec-file-checks.ts";
export { readFileInside, isInsideFolder } from "./read-file-inside.ts";
export { canonicalJson } from "@imagebuild/pai-client/canonical-json";
export { clientTokenFor, CLIENT_TOKEN_PREFIX } from "./client-token-for.ts";
export { loadSpecs, DEFAULTS_FILE, type LoadSpecsOptions } from "./load-specs.ts";
export { environmentNames } from "./environment-names.ts";
export type { EnvironmentDefault, EnvironmentDefaults } from "./environment-defaults.ts";
export { renderRequest, variableFor, SECRET_ENV_PREFIX } from "./render-request.ts";
export { renderPackagesDockerfile } from "./render-packages-dockerfile.ts";
export { parsePep508, type Pep508Requirement } from "./parse-pep508.ts";
export { parseCondaSpec, type CondaSpec } from "./parse-conda-spec.ts";
export { parseAptPackage, type AptPackage } from "./parse-apt-package.ts";
export type { PackageVerdict } from "./package-verdict.ts";
export {
  parseDockerfile,
  type DockerfileInstruction,
  type DockerfileIssue,
} from "./parse-dockerfile.ts";
export { createRateLimiter, RATE_CATCH_UP_MS } from "./create-rate-limiter.ts";
export { plan, type PlanOptions } from "./plan.ts";
export { formatPlan, type PlanFormat } from "./format-plan.ts";
export { dispatch, type DispatchOptions } from "./dispatch.ts";
export {
  dispatchInOrder,
  type DispatchInOrderOptions,
  type WaitForJob,
} from "./dispatch-in-order.ts";
export { nextBuilds, dependenciesInRun, type BuildOutcome } from "./next-builds.ts";
export {
  specGraph,
  buildOrder,
  findCycles,
  type SpecGraph,
  type SpecGraphNode,
} from "./spec-graph.ts";
export { formatGraph, type GraphFormat } from "./format-graph.ts";
export {
  parseSpecReference,
  isSpecReference,
  compareVersions,
  SPEC_REFERENCE_PREFIX,
  LATEST_SPEC_VERSION,
  type SpecReference,
} from "./spec-reference.ts";
export {
  DEFAULT_DISPATCH_CONCURRENCY,
  DEFAULT_DISPATCH_RATE_PER_SECOND,
  MAX_DISPATCH_CONCURRENCY,
  MAX_DISPATCH_RATE_PER_SECOND,
} from "./dispatch-defaults.ts";
export {
  ATTEMPT_SLOT_SEPARATOR,
  attemptSlot,
  BASE_CHANGE_SLOT_PREFIX,
  baseChangeSlot,
  CONTENT_SLOT,
  SCHEDULE_SLOT_PREFIX,
  scheduleSlot,
} from "./build-slot.ts";
export {
  BUILD_ATTEMPTS_EXHAUSTED,
  BuildAttemptsExhaustedError,
  MAX_BUILD_ATTEMPTS,
  REPLAY_CLOCK_SKEW_MS,
  submitWithAttempts,
  type AttemptOutcome,
} from "./submit-with-attempts.ts";
export { prepareBuild, type PrepareBuildOptions } from "./prepare-build.ts";
export { prepareBuilds, RENDER_FAILED, type SlotFor } from "./prepare-builds.ts";
export {
  buildSpecs,
  type BuildSpecsConfig,
  type BuildSpecsContext,
  type BuildSpecsLog,
  type ChooseBuilds,
  type SpecOutcome,
} from "./build-specs.ts";
export { buildBaseChanges } from "./build-base-changes.ts";
export { findBaseChanges, type BaseChange, type ChangedBase } from "./find-base-changes.ts";
export { findCurrentImage } from "./find-current-image.ts";
export {
  BaseDigestError,
  createBaseDigestReader,
  type BaseDigestReader,
  type RegistryMirrors,
} from "./read-base-digests.ts";
export { readBaseDigests, withBaseLabels } from "./record-base-digests.ts";
