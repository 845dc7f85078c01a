/** The one core path every event goes through: load at an exact revision, render, ClientToken, dispatch. */
import {
  clientTokenFor,
  type DispatchItem,
  type DispatchResult,
  dispatch,
  loadSpecs,
  type PaiClientLike,
  type Problem,
  type ResolvedSpec,
  renderRequest,
  type SpecSource,
} from "@imagebuild/core";
import type { TriggerConfig } from "./config.ts";
import type { Logger } from "./logger.ts";

/** The result for one spec file: a dispatch result, or the problems that kept it from being built. */
export type SpecOutcome =
  | DispatchResult
  | { file: string; status: "invalid"; problems: string[] }
  | { file: string; status: "removed"; reason: string };

/** What `buildSpecs` needs besides the specs. */
export interface BuildContext {
  client: PaiClientLike;
  config: TriggerConfig;
  log: Logger;
  env: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal | undefined;
}

/**
 * Loads `paths` (or, with `select`, the specs it keeps) from `source`, renders each request with
 * resolved secrets, derives the ClientToken from the request with secret *references* and `slotFor`
 * (`content` for pushes and uploads, `schedule:<ISO>` for timers), and dispatches without waiting.
 * Bad specs come back as `invalid` with messages naming the file and field; nothing of theirs is sent.
 *
 * @example
 * const outcomes = await buildSpecs({ source, paths: ["specs/a/1.0.yaml"], slotFor: () => ({ slot: "content" }), context });
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
  slotFor: (spec: ResolvedSpec) => { slot: string; now?: Date } | undefined;
  context: BuildContext;
}): Promise<SpecOutcome[]> {
  const { client, config, log, env, signal } = context;
  const specsDir = config.specPrefix.replace(/\/$/, "");
  const { specs, problems } = await loadSpecs({
    source,
    ...(paths ? { paths } : {}),
    ...(config.specEnv ? { env: config.specEnv } : {}),
    specsDir,
  });
  const outcomes: SpecOutcome[] = [];
  const invalidFiles = new Set<string>();
  for (const [file, messages] of groupErrors(problems)) {
    invalidFiles.add(file);
    outcomes.push({ file, status: "invalid", problems: messages });
    log.warn("spec invalid", { file, problems: messages, source: source.description });
  }
  const loaded = new Set(specs.map((spec) => spec.file));
  for (const file of paths ?? []) {
    if (loaded.has(file) || invalidFiles.has(file)) continue;
    const reason = config.specEnv
      ? `not built: absent at ${source.description}, or not defined for environment ${config.specEnv}`
      : `not built: absent at ${source.description}`;
    outcomes.push({ file, status: "skipped", reason });
    log.info("spec skipped", { file, reason });
  }
  const items: DispatchItem[] = [];
  for (const spec of specs) {
    if (invalidFiles.has(spec.file) || (select && !select(spec))) continue;
    const slot = slotFor(spec);
    if (!slot) continue;
    try {
      const renderOptions = {
        env: env as NodeJS.ProcessEnv,
        ...(slot.now ? { now: slot.now } : {}),
      };
      const referenced = renderRequest(spec, { secrets: "reference", ...renderOptions });
      const request = renderRequest(spec, { secrets: "resolve", ...renderOptions });
      items.push({
        spec,
        request,
        clientToken: clientTokenFor({ request: referenced, slot: slot.slot }),
      });
    } catch (error) {
      const { code = "RENDER_FAILED", message = String(error) } = error as {
        code?: string;
        message?: string;
      };
      outcomes.push({
        file: spec.file,
        status: "failed",
        error: { code, message, retryable: false },
      });
      log.error("render failed", { file: spec.file, code, message });
    }
  }
  if (items.length > 0) {
    const results = await dispatch({
      client,
      items,
      concurrency: config.concurrency,
      ratePerSecond: config.ratePerSecond,
      skipExisting: config.skipExisting,
      wait: false,
      ...(signal ? { signal } : {}),
    });
    for (const result of results) {
      outcomes.push(result);
      log.info(`spec ${result.status}`, summarize(result));
    }
  }
  return outcomes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
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
    };
  }
  if (result.status === "skipped") return { file: result.file, reason: result.reason };
  return {
    file: result.file,
    code: result.error.code,
    message: result.error.message,
    retryable: result.error.retryable,
  };
}
