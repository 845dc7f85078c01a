/** The builder the queue calls for one job; the real one is the system module's `runBuild`. */

/** The phases a builder reports; the queue turns them into job statuses. */
export type BuildPhase = "EnvPreparing" | "Running";

/** How one build ended (the same union the system module's `runBuild` returns). */
export type BuildOutcome =
  | {
      status: "Succeeded";
      sizeBytes: number;
      digest: string;
      /** Labels the build adds to the workspace image, e.g. `imagebuild.base.0` (see {@link withBuildLabels}). */
      labels?: readonly BuildLabel[];
    }
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

/** Labels an image may carry (the schema's `Labels.maxItems`, docs/decisions/local-pai-input-limits.md). */
const MAX_IMAGE_LABELS = 64;

/** A workspace image label as the API spells it. */
export interface BuildLabel {
  Key: string;
  Value?: string;
}

/**
 * The labels to register a built image with: the request's, then the build's (`imagebuild.base.<n>`),
 * a build label replacing a request label with the same Key (the build's record wins: a request
 * cannot claim a base it was not built on). Build labels past the image's 64 are left out.
 *
 * @example
 * withBuildLabels([{ Key: "team", Value: "a" }], [{ Key: "imagebuild.base.0", Value: "docker.io/library/debian:bookworm@sha256:…" }]);
 * // [{ Key: "team", Value: "a" }, { Key: "imagebuild.base.0", Value: "…" }]
 */
export function withBuildLabels(
  requested: readonly BuildLabel[] | undefined,
  built: readonly BuildLabel[] | undefined,
): BuildLabel[] | undefined {
  if (!built || built.length === 0) return requested ? [...requested] : undefined;
  const keys = new Set(built.map((label) => label.Key));
  return [...(requested ?? []).filter((label) => !keys.has(label.Key)), ...built].slice(
    0,
    MAX_IMAGE_LABELS,
  );
}
