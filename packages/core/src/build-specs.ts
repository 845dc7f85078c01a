/** The one pipeline every trigger goes through: load at an exact revision, validate, prepare, dispatch. */
import type { Logger } from "@imagebuild/pai-client/logger";
import type { EnvironmentDefaults } from "./environment-defaults.ts";
import { dispatch } from "./dispatch.ts";
import { dependenciesInRun, nextBuilds } from "./next-builds.ts";
import { loadSpecs } from "./load-specs.ts";
import type { PaiClientLike } from "./pai-client-like.ts";
import { prepareBuilds, type SlotFor } from "./prepare-builds.ts";
import {
  type BaseDigestReader,
  createBaseDigestReader,
  type RegistryMirrors,
} from "./read-base-digests.ts";
import { readBaseDigests, withBaseLabels } from "./record-base-digests.ts";
import { parseSecretHosts } from "./secret-hosts.ts";
import type { DispatchItem, DispatchResult, Problem, ResolvedSpec, SpecSource } from "./types.ts";

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
  /** Registry and workspace per environment from outside the specs, beneath every layer (see `loadSpecs`). */
  environmentDefaults?: EnvironmentDefaults | undefined;
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
  /**
   * Where base images are read for their digests (`IMAGEBUILD_REGISTRY_MIRRORS`): image-name host → the
   * registry serving it. Unset (production): each base's own registry.
   */
  registryMirrors?: RegistryMirrors | undefined;
}

/**
 * A step between preparing and dispatching: given the prepared builds and a base-digest reader, returns
 * the builds to dispatch (possibly re-prepared in another slot) and outcomes for the ones left out.
 */
export type ChooseBuilds = (
  items: DispatchItem[],
  reader: BaseDigestReader,
) => Promise<{ items: DispatchItem[]; outcomes: SpecOutcome[] }>;

/** Where a log line goes: the one `Logger` shape, of which `buildSpecs` needs no `child`. */
export type BuildSpecsLog = Pick<Logger, "info" | "warn" | "error">;

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
 * a spec out), lets `choose` (the base-change timer) keep some of them, and dispatches without waiting.
 * A spec with `policy.rebuild: on-base-change` is sent with the digest of each external base as
 * `imagebuild.base.<n>` image labels (a registry HEAD: PAI in the cloud records none). Bad specs come back
 * as `invalid` with messages naming the file and field; nothing of theirs is sent. Results are sorted by file.
 *
 * @example
 * const outcomes = await buildSpecs({ source, paths: ["specs/a/1.0.yaml"], slotFor: () => ({ slot: CONTENT_SLOT }), context });
 */
export async function buildSpecs({
  source,
  paths,
  select,
  slotFor,
  choose,
  context,
}: {
  source: SpecSource;
  paths?: string[] | undefined;
  select?: ((spec: ResolvedSpec) => boolean) | undefined;
  slotFor: SlotFor;
  choose?: ChooseBuilds | undefined;
  context: BuildSpecsContext;
}): Promise<SpecOutcome[]> {
  const { client, config, log, env, trigger, signal } = context;
  const specsDir = config.specPrefix.replace(/\/$/, "");
  const { specs, problems } = await loadSpecs({
    source,
    ...(config.environmentDefaults ? { environmentDefaults: config.environmentDefaults } : {}),
    ...(paths ? { paths } : {}),
    ...(config.specEnv ? { env: config.specEnv } : {}),
    specsDir,
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
  const prepared = prepareBuilds({
    specs: wanted,
    slotFor,
    env: env as NodeJS.ProcessEnv,
  });
  for (const failure of prepared.failures) {
    outcomes.push(failure);
    log.error("render failed", {
      file: failure.file,
      code: failure.error.code,
      message: failure.error.message,
    });
  }
  const reader = createBaseDigestReader({ mirrors: config.registryMirrors, env });
  let items = prepared.items;
  if (choose) {
    const chosen = await choose(items, reader);
    items = chosen.items;
    outcomes.push(...chosen.outcomes);
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
  // Only what is sent now: a held dependent's in-repo base may not be in its registry yet.
  const labelled = await labelBases(submit, reader);
  submit = labelled.items;
  for (const failure of labelled.failures) {
    outcomes.push(failure);
    log.error("base digest unavailable", { file: failure.file, message: failure.error.message });
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

/** Adds the base-digest labels to the on-base-change builds; one whose registry cannot be read fails. */
async function labelBases(
  items: DispatchItem[],
  reader: BaseDigestReader,
): Promise<{ items: DispatchItem[]; failures: Extract<DispatchResult, { status: "failed" }>[] }> {
  const failures: Extract<DispatchResult, { status: "failed" }>[] = [];
  const labelled = await Promise.all(
    items.map(async (item) => {
      if (item.spec.policy.rebuild !== "on-base-change") return item;
      try {
        const bases = await readBaseDigests({ request: item.request, reader });
        return { ...item, request: withBaseLabels(item.request, bases) };
      } catch (error) {
        const { code = "BASE_DIGEST_UNAVAILABLE", message = String(error) } = error as {
          code?: string;
          message?: string;
        };
        const retryable = (error as { retryable?: boolean }).retryable === true;
        failures.push({
          file: item.spec.file,
          status: "failed",
          error: { code, message, retryable },
        });
        return undefined;
      }
    }),
  );
  return { items: labelled.filter((item) => item !== undefined), failures };
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
