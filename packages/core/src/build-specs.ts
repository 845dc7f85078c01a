/** The one pipeline every trigger goes through: load at an exact revision, validate, prepare, dispatch. */
import { dispatch } from "./dispatch.ts";
import { dependenciesInRun, nextBuilds } from "./next-builds.ts";
import { loadSpecs } from "./load-specs.ts";
import type { PaiClientLike } from "./pai-client-like.ts";
import { prepareBuilds, type SlotFor } from "./prepare-builds.ts";
import { parseSecretHosts } from "./secret-hosts.ts";
import type { DispatchResult, Problem, ResolvedSpec, SpecSource } from "./types.ts";

/**
 * The result for one spec file: a dispatch result, or the problems that kept it from being built.
 *
 * @example
 * const outcome: SpecOutcome = { file: "specs/a/1.0.yaml", status: "invalid", problems: ["specs/a/1.0.yaml:3:5: …"] };
 */
export type SpecOutcome =
  | DispatchResult
  | { file: string; status: "invalid"; problems: string[] }
  | { file: string; status: "removed"; reason: string }
  /** With `holdDependents`: not submitted yet, built on `bases` of the same run (submit it when they succeeded). */
  | { file: string; status: "waiting"; reason: string; bases: string[] };

/** The settings `buildSpecs` reads; the function's TriggerConfig has these fields. */
export interface BuildSpecsConfig {
  /** The specs folder with its trailing slash, e.g. `specs/`. */
  specPrefix: string;
  /** The environment overlay to apply, e.g. `prod`. */
  specEnv?: string | undefined;
  concurrency?: number | undefined;
  ratePerSecond?: number | undefined;
  /** Skip a version whose image already exists in the workspace, unless its policy overwrites. */
  skipExisting?: boolean | undefined;
  /**
   * Submit only the specs whose bases (in-repo, in this run) are not in the run, and return the others as
   * `waiting`, for a follow step to submit with `nextBuilds` once their bases' jobs succeeded. Default false:
   * every spec is submitted at once, as before.
   */
  holdDependents?: boolean | undefined;
}

/** Where a log line goes; the function's Logger fits. */
export interface BuildSpecsLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * What `buildSpecs` needs besides the specs.
 *
 * @example
 * const context: BuildSpecsContext = { client, config: { specPrefix: "specs/" }, log, env: process.env };
 */
export interface BuildSpecsContext {
  client: PaiClientLike;
  config: BuildSpecsConfig;
  log: BuildSpecsLog;
  /** Where credential references are read, and their host binding (`IMAGEBUILD_SECRET_HOSTS`). */
  env: Readonly<Record<string, string | undefined>>;
  /** What started this run (`push:<commit>`, `oss:<key>`, `timer:<slot>`), sent with each build. */
  trigger?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Loads `paths` (or, with `select`, the specs it keeps) from `source`, prepares each build with
 * `slotFor`'s slot (`CONTENT_SLOT` for pushes and uploads, `scheduleSlot(run)` for timers; undefined leaves
 * a spec out), and dispatches without waiting. Bad specs come back as `invalid` with messages naming the
 * file and field; nothing of theirs is sent. Results are sorted by file.
 *
 * @example
 * const outcomes = await buildSpecs({ source, paths: ["specs/a/1.0.yaml"], slotFor: () => ({ slot: CONTENT_SLOT }), context });
 */
export async function buildSpecs({
  source,
  paths,
  select,
  slotFor,
  context,
}: {
  source: SpecSource;
  paths?: string[] | undefined;
  select?: ((spec: ResolvedSpec) => boolean) | undefined;
  slotFor: SlotFor;
  context: BuildSpecsContext;
}): Promise<SpecOutcome[]> {
  const { client, config, log, env, trigger, signal } = context;
  const { specs, problems } = await loadSpecs({
    source,
    ...(paths ? { paths } : {}),
    ...(config.specEnv ? { env: config.specEnv } : {}),
    specsDir: config.specPrefix.replace(/\/$/, ""),
    secretHosts: parseSecretHosts(env),
  });
  const outcomes: SpecOutcome[] = [];
  const invalidFiles = new Set<string>();
  for (const [file, messages] of groupErrors(problems)) {
    invalidFiles.add(file);
    outcomes.push({ file, status: "invalid", problems: messages });
    log.warn("spec invalid", { file, problems: messages, source: source.description });
  }
  outcomes.push(...notLoaded({ paths, specs, invalidFiles, source, config, log }));
  const wanted = specs.filter((spec) => !invalidFiles.has(spec.file) && (!select || select(spec)));
  const { items, failures } = prepareBuilds({
    specs: wanted,
    slotFor,
    env: env as NodeJS.ProcessEnv,
  });
  for (const failure of failures) {
    outcomes.push(failure);
    log.error("render failed", {
      file: failure.file,
      code: failure.error.code,
      message: failure.error.message,
    });
  }
  let submit = items;
  if (config.holdDependents) {
    submit = nextBuilds({ items, outcomes: {} }).ready;
    for (const item of items) {
      if (submit.includes(item)) continue;
      const bases = dependenciesInRun(item, items);
      const reason = `waits for ${bases.join(", ")} to succeed`;
      outcomes.push({ file: item.spec.file, status: "waiting", reason, bases });
      log.info("spec waiting", { file: item.spec.file, bases });
    }
  }
  if (submit.length > 0) {
    const results = await dispatch({
      client,
      items: submit,
      ...(config.concurrency !== undefined ? { concurrency: config.concurrency } : {}),
      ...(config.ratePerSecond !== undefined ? { ratePerSecond: config.ratePerSecond } : {}),
      skipExisting: config.skipExisting ?? false,
      wait: false,
      trigger,
      ...(signal ? { signal } : {}),
    });
    for (const result of results) {
      outcomes.push(result);
      log.info(`spec ${result.status}`, summarize(result));
    }
  }
  return outcomes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A requested file that neither loaded nor failed: absent at the source, or not in the environment. */
function notLoaded({
  paths,
  specs,
  invalidFiles,
  source,
  config,
  log,
}: {
  paths: string[] | undefined;
  specs: ResolvedSpec[];
  invalidFiles: Set<string>;
  source: SpecSource;
  config: BuildSpecsConfig;
  log: BuildSpecsLog;
}): SpecOutcome[] {
  const loaded = new Set(specs.map((spec) => spec.file));
  const outcomes: SpecOutcome[] = [];
  for (const file of paths ?? []) {
    if (loaded.has(file) || invalidFiles.has(file)) continue;
    const reason = config.specEnv
      ? `not built: absent at ${source.description}, or not defined for environment ${config.specEnv}`
      : `not built: absent at ${source.description}`;
    outcomes.push({ file, status: "skipped", reason });
    log.info("spec skipped", { file, reason });
  }
  return outcomes;
}

function groupErrors(problems: readonly Problem[]): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.severity !== "error") continue;
    const list = byFile.get(problem.file) ?? [];
    list.push(
      `${problem.file}:${problem.line}:${problem.column}: ${problem.ruleId}: ${problem.message}`,
    );
    byFile.set(problem.file, list);
  }
  return byFile;
}

function summarize(result: DispatchResult): Record<string, unknown> {
  if (result.status === "submitted") {
    return {
      file: result.file,
      imageBuildId: result.imageBuildId,
      jobId: result.jobId,
      clientToken: result.clientToken,
      attempt: result.attempt,
      ...(result.replay ? { replayOf: result.replay } : {}),
      ...(result.rebuildOf ? { rebuildOf: result.rebuildOf } : {}),
    };
  }
  if (result.status === "skipped" || result.status === "blocked")
    return { file: result.file, reason: result.reason };
  return {
    file: result.file,
    code: result.error.code,
    message: result.error.message,
    retryable: result.error.retryable,
  };
}
