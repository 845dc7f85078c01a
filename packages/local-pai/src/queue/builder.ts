/** The builder the queue calls for one job; the real one is the system module's `runBuild`. */

/** The phases a builder reports; the queue turns them into job statuses. */
export type BuildPhase = "EnvPreparing" | "Running";

/** How one build ended (the same union the system module's `runBuild` returns). */
export type BuildOutcome =
  | { status: "Succeeded"; sizeBytes: number; digest: string }
  | { status: "Failed"; reasonCode: string; reasonMessage: string }
  | { status: "Stopped"; reasonCode: "JobStoppedByUser"; reasonMessage: string };

/**
 * Everything a builder needs for one job.
 *
 * @example
 * const builder: Builder = async (task: BuildTask) => runBuild({ ...task, environment, registry });
 */
export interface BuildTask {
  jobId: string;
  imageBuildId: string;
  dockerfile: string;
  imageUri: string;
  registryAuths?: Record<string, { Auth: string }> | undefined;
  overwriteTag: boolean;
  /** A scratch directory for this job, removed afterwards. */
  workDir: string;
  onPhase: (phase: BuildPhase) => void;
  onLog: (line: string) => void;
  /** Aborted when the job is stopped or the service shuts down. */
  signal: AbortSignal;
}

/**
 * Builds and pushes one image. Must resolve (not reject) with the outcome; a rejection is recorded as
 * `Failed` with reason `BuilderError`.
 *
 * @example
 * const noop: Builder = async ({ onPhase }) => { onPhase("Running"); return { status: "Succeeded", sizeBytes: 0, digest: "sha256:0" }; };
 */
export type Builder = (task: BuildTask) => Promise<BuildOutcome>;
