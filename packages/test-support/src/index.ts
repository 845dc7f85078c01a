/** The test harness every package shares: one scripted PAI server and temporary spec repositories. */
export {
  type PaiServer,
  type PaiServerOptions,
  type ReceivedRequest,
  type SeenRequest,
  type Verification,
  startPaiServer,
} from "./start-pai-server.ts";
export type { PaiBuild, PaiServerStats } from "./pai-contract.ts";
export { backdateJobs } from "./backdate-jobs.ts";
export type { Step } from "./step.ts";
export { createSpecRepo, type SpecRepo } from "./create-spec-repo.ts";
export {
  BAD_SPEC_YAML,
  DEFAULTS_YAML,
  defaultsYaml,
  LOCAL_REGISTRY,
  SAMPLE_SPECS,
  specYaml,
  SAMPLE_SECRET_HOSTS,
} from "./spec-texts.ts";
export { writeFiles } from "./write-files.ts";
export { closedPort } from "./closed-port.ts";
export { withoutPinSuggestions } from "./without-pin-suggestions.ts";
