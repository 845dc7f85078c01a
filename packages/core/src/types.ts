/** The shapes shared by every part of core: spec sources, problems, resolved specs, plans and dispatch results. */
import type { CreateImageBuildRequest, DlcJob } from "@imagebuild/schema";
import type { RuleId } from "./rules/index.ts";
import type { SpecGraph } from "./spec-graph.ts";

/**
 * Where spec files are read from. Paths are repository-relative POSIX paths like
 * `specs/busybox-tools/1.0.0.yaml`.
 *
 * @example
 * const source: SpecSource = directorySource("/repo");
 * await source.readFile("specs/_defaults.yaml");
 */
export interface SpecSource {
  /** e.g. `dir:/repo`, `git:/repo@3f2a…`, `github:acme/images@3f2a…`, `oss://bucket/specs/…#etag`. */
  readonly description: string;
  /** The file's text, or undefined when it is absent. */
  readFile(path: string): Promise<string | undefined>;
  /**
   * The file's text only if its real path (symlinks followed) is a regular file inside `folder`. Sources
   * over a local directory or git objects implement it; for the others (memory, a provider API, OSS) core
   * checks the path lexically and calls `readFile`. See `readFileInside`.
   */
  readFileInside?(path: string, folder: string): Promise<InsideRead>;
  /** Every file under prefix, recursively, as repository-relative POSIX paths. */
  listFiles(prefix: string): Promise<string[]>;
}

/**
 * The answer of `SpecSource.readFileInside`: the text, or why there is none. `outside` and `not-a-file`
 * carry nothing of what the path points at.
 *
 * @example
 * const read: InsideRead = { status: "outside" };
 */
export type InsideRead =
  | { status: "read"; text: string }
  | { status: "missing" }
  | { status: "outside" }
  | { status: "not-a-file" };

/**
 * A lint or schema problem with its location (1-based line and column).
 *
 * @example
 * const p: Problem = { ruleId: "path-name-tag", severity: "error", file: "specs/a/1.0.yaml", line: 4, column: 5, message: "…" };
 */
export interface Problem {
  /** One of `RULES` (src/rules/index.ts). */
  ruleId: RuleId;
  severity: "error" | "warning";
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A registry credential reference: an environment variable or a secret name. */
export type CredentialRef = { fromEnv: string } | { secret: string };

/**
 * An image a spec builds on: a Dockerfile `FROM` or `COPY --from` (or `Packages.Base`), where it is written.
 *
 * @example
 * const base: SpecBase = { keyword: "FROM", reference: "imagebuild:debian-tools:1.0.0", file: "specs/ml/Dockerfile",
 *   line: 1, column: 1, dockerfileLine: 1, spec: { file: "specs/debian-tools/1.0.0.yaml", imageUri: "r/ns/debian-tools:1.0.0", dated: true } };
 */
export interface SpecBase {
  keyword: "FROM" | "COPY";
  /** As written: `debian:bookworm`, `imagebuild:debian-tools:1.0.0`, `${BASE}`. */
  reference: string;
  /** Where a person edits it: the spec, a defaults file or the sidecar Dockerfile. */
  file: string;
  line: number;
  column: number;
  /** The line inside the Dockerfile, where `renderRequest` puts the image of a spec reference. */
  dockerfileLine: number;
  /** For a spec reference (`imagebuild:<image>:<version>`): the spec it names, in the same environment. */
  spec?: { file: string; imageUri: string; dated: boolean };
}

/** How a version is rebuilt: immutable (once), overwrite (replace the tag) or dated (`<version>-<yyyymmdd>`). */
export type TagPolicy = "immutable" | "overwrite" | "dated";

/**
 * A spec after layering `_defaults.yaml` files and the environment overlay, with the sidecar Dockerfile
 * read and PackageInstallation rendered.
 *
 * @example
 * const { specs } = await loadSpecs({ source: directorySource(".") });
 * specs[0]?.request.Image.Uri; // "127.0.0.1:5000/pai/busybox-tools:1.0.0"
 */
export interface ResolvedSpec {
  /** e.g. `specs/busybox-tools/1.0.0.yaml`. */
  file: string;
  /** The folder name. */
  imageName: string;
  /** The file name without `.yaml`. */
  version: string;
  env: string | undefined;
  policy: { schedule?: string; tag: TagPolicy; rebuild?: "never" | "with-base" | "on-base-change" };
  /** The images it builds on, in Dockerfile order; spec references are linked by `loadSpecs`. */
  bases: SpecBase[];
  /** The request without RegistryAuths (see `renderRequest`), the tag not yet dated. */
  request: CreateImageBuildRequest;
  registryAuthRefs: Record<string, CredentialRef>;
  /** The raw YAML of the spec file itself. */
  sourceText: string;
  /** The sidecar Dockerfile's repository path, when BuildConfig.DockerfileFile is used. */
  dockerfileFile?: string;
  /** Canonical JSON of the spec file's own content and its sidecar Dockerfile: comments and layout do not count. */
  contentKey: string;
}

/** What a merge would do with one spec. */
export type PlanAction = "create" | "rebuild" | "skip" | "unchanged" | "removed";

/**
 * One line of a plan.
 *
 * @example
 * const e: PlanEntry = { file: "specs/a/1.0.yaml", imageName: "a", version: "1.0", imageUri: "r/ns/a:1.0", action: "create", reason: "new spec", clientToken: "ib1-…" };
 */
export interface PlanEntry {
  file: string;
  imageName: string;
  version: string;
  imageUri: string | undefined;
  action: PlanAction;
  reason: string;
  clientToken: string | undefined;
}

/**
 * The outcome of `plan`.
 *
 * @example
 * const result: PlanResult = await plan({ repoDir: "." });
 */
export interface PlanResult {
  entries: PlanEntry[];
  problems: Problem[];
  /** The base revision as a full commit id. */
  base: string;
  /** The head revision, or `working tree`. */
  head: string;
  /** The dependency graph of the specs the merge builds (create and rebuild), with their bases. */
  graph?: SpecGraph;
}

/**
 * One build to submit.
 *
 * @example
 * const item: DispatchItem = { spec, request: renderRequest(spec, { secrets: "resolve" }), clientToken };
 */
export interface DispatchItem {
  spec: ResolvedSpec;
  request: CreateImageBuildRequest;
  /** The token of the first attempt. */
  clientToken: string;
  /** The token of attempt n (1 is `clientToken`); without it only attempt 1 is ever submitted. */
  tokenForAttempt?: (attempt: number) => string;
}

/**
 * A build the service answered from an earlier call with the same ClientToken, as GetJob showed it.
 *
 * @example
 * const earlier: EarlierJob = { jobId: "dlc-1", status: "Failed", at: "2026-11-27T04:00:00.000Z", reason: "RUN step exited with 1" };
 */
export interface EarlierJob {
  jobId: string;
  /** The DLC status when it was read. */
  status: string;
  /** When the job ended (GmtFinishTime), or was created while it still runs (GmtCreateTime). */
  at: string;
  /** Why it did not succeed, when it did not. */
  reason?: string;
}

/** The terminal DLC statuses a waited build ends in. */
export type FinalStatus = "Succeeded" | "Failed" | "Stopped";

/**
 * The result for one spec.
 *
 * @example
 * if (result.status === "failed") console.error(result.error.code);
 */
export type DispatchResult =
  | {
      file: string;
      status: "submitted";
      imageBuildId: string;
      jobId: string;
      clientToken: string;
      /** Which build attempt of this content and slot the job is (1 the first; set by `dispatch`). */
      attempt?: number;
      /** Set when the service answered with an earlier build (a replay): nothing new was started. */
      replay?: EarlierJob;
      /** Set when this build is a new attempt because the previous one ended Failed or Stopped. */
      rebuildOf?: EarlierJob;
      /** Only with `wait: true`. */
      finalStatus?: FinalStatus;
      /** Only with `wait: true`: the job's reason when it did not succeed. */
      reason?: string;
    }
  | { file: string; status: "skipped"; reason: string }
  /** Not submitted: a spec it builds on failed, was blocked, or did not succeed (`dispatchInOrder`). */
  | { file: string; status: "blocked"; reason: string }
  | {
      file: string;
      status: "failed";
      error: { code: string; message: string; retryable: boolean };
    };

/**
 * Progress while dispatching: one event per submission, skip, failure and job status change.
 *
 * @example
 * onProgress: (e) => { if (e.type === "status") console.log(e.file, e.status) }
 */
export type DispatchEvent =
  | {
      type: "submitted";
      file: string;
      imageBuildId: string;
      jobId: string;
      attempt?: number;
      replay?: EarlierJob;
      rebuildOf?: EarlierJob;
    }
  | { type: "skipped"; file: string; reason: string }
  | { type: "blocked"; file: string; reason: string }
  | { type: "failed"; file: string; code: string; message: string }
  | { type: "status"; file: string; jobId: string; status: string; job: DlcJob }
  | { type: "finished"; file: string; jobId: string; finalStatus: FinalStatus; reason?: string };
