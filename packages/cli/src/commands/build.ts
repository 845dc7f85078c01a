/** `imagebuild build`: submits a build per spec (idempotently), optionally waits with live progress. */
import {
  DEFAULT_DISPATCH_CONCURRENCY,
  DEFAULT_DISPATCH_RATE_PER_SECOND,
  type DispatchEvent,
  type DispatchResult,
  buildOrder,
  dispatchInOrder,
  formatProblem,
  MAX_DISPATCH_CONCURRENCY,
  MAX_BUILD_ATTEMPTS,
  MAX_DISPATCH_RATE_PER_SECOND,
  prepareBuilds,
} from "@imagebuild/core";
import { buildTrigger } from "@imagebuild/pai-client/build-trigger";
import { z } from "zod";
import { type Command, EXIT_FAILED, EXIT_OK, type Io, UsageError } from "../command.ts";
import { clientFromSettings } from "../client-from-settings.ts";
import { failureLines, formatFailureLines } from "../failure-lines.ts";
import { dirFlag, envFlag, intFlag, jsonFlag, numberFlag, pollFlag } from "../flag-schemas.ts";
import { describeAttempt } from "../output/describe-attempt.ts";
import { formatError } from "../output/format-error.ts";
import { formatTable } from "../output/format-table.ts";
import { createProgressRenderer, type ProgressRenderer } from "../output/progress-renderer.ts";
import { writeJson } from "../output/write-json.ts";
import { loadValidSpecs } from "../load-valid-specs.ts";
import { parseFlags } from "../parse-flags.ts";
import { secretHostsFromEnv } from "../secret-hosts-from-env.ts";
import { resolveSettings } from "../settings.ts";

const FLAGS = z.object({
  dir: dirFlag,
  env: envFlag,
  wait: z.boolean().default(false),
  rebuild: z.boolean().default(false),
  concurrency: intFlag({
    min: 1,
    max: MAX_DISPATCH_CONCURRENCY,
    fallback: DEFAULT_DISPATCH_CONCURRENCY,
  }),
  rate: numberFlag({
    max: MAX_DISPATCH_RATE_PER_SECOND,
    fallback: DEFAULT_DISPATCH_RATE_PER_SECOND,
  }),
  poll: pollFlag,
  json: jsonFlag,
});

const HELP = `Usage: imagebuild build SPEC… [options]

Submits one CreateImageBuild per spec (files, or image folders meaning every version in them).
A spec built on another spec of the same command (FROM imagebuild:<image>:<version>) is submitted
only after that build succeeded; when it fails, its dependents are "blocked" and not built.
Each call carries a ClientToken derived from the rendered request, so running the same command
again never starts a second build ("already built: job dlc-… Succeeded 3 h ago"); a version whose
image already exists in the workspace is skipped unless its policy overwrites the tag. A build that
ended Failed or Stopped is built again by the next run, as the next attempt ("job dlc-… Failed
10 min ago: rebuilding as attempt 2"), up to ${MAX_BUILD_ATTEMPTS} attempts. Registry credentials are read at
this point from the variables the spec references.

The environment is --env, else IMAGEBUILD_ENV, else defaultEnv in imagebuild.config.yaml (found in
this folder or one above it). The endpoint is IMAGEBUILD_ENDPOINT (e.g. the local service, unsigned
when no keys are set), else IMAGEBUILD_REGION, else the environment's endpoint or region in the
config file, else ALIBABA_CLOUD_REGION_ID. Keys come from ALIBABA_CLOUD_ACCESS_KEY_ID,
ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN), else the aliyun CLI profile
(ALIBABA_CLOUD_PROFILE, the environment's profile in the config, or for the cloud the current one).

Options:
  --env NAME          apply this environment overlay (e.g. local, prod; default: see above)
  --wait              follow every build until it ends; live status on a terminal, lines otherwise;
                      a failed build's last log lines are printed (logTail under --json)
  --rebuild           start a new attempt even where the last build succeeded (exactly one new
                      build per spec; a build still running is left alone, an existing
                      immutable image is still skipped)
  --concurrency N     builds submitted at the same time, 1-${MAX_DISPATCH_CONCURRENCY} (default ${DEFAULT_DISPATCH_CONCURRENCY})
  --rate R            at most R requests per second (default ${DEFAULT_DISPATCH_RATE_PER_SECOND})
  --poll SECONDS      first interval between status polls with --wait (default 2; grows to 30)
  --dir PATH          the specs folder (default: specsDir in the config, else specs/ at the root)
  --json              print {ok, results} as JSON (progress goes to stderr)
  -h, --help          show this help

Exit codes: 0 every build submitted (and, with --wait, succeeded), 1 a spec is invalid or a
build failed, 2 usage.

Examples:
  imagebuild build specs/busybox-hello --wait        # in the config's defaultEnv (local here)
  IMAGEBUILD_ENDPOINT=http://127.0.0.1:7070 imagebuild build specs/busybox-hello --env local --wait
  imagebuild build specs/pytorch-train/2.4.0.yaml --env prod --json
  imagebuild build specs/busybox-hello/1.0.0.yaml --env local --rebuild --wait
`;

/**
 * The `build` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["specs/busybox-hello", "--env", "local", "--wait"], io);
 */
export const command: Command = {
  name: "build",
  summary: "submit builds for specs, optionally wait for them",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags, positionals } = parseFlags({
      args,
      schema: FLAGS,
      positionals: true,
    });
    if (positionals.length === 0)
      throw new UsageError("give at least one SPEC file or image folder");
    const settings = await resolveSettings({ io, env: flags.env, dir: flags.dir });
    const { specs, notInEnv, warnings } = await loadValidSpecs({
      args: positionals,
      settings,
      cwd: io.cwd,
      secretHosts: secretHostsFromEnv(io.env),
    });
    // Warnings do not stop a build; stderr keeps them out of --json output.
    for (const warning of warnings) io.stderr.write(`${formatProblem(warning)}\n`);
    const client = clientFromSettings(settings, { pollMs: flags.poll });
    const results: DispatchResult[] = notInEnv.map((file) => ({
      file,
      status: "skipped",
      reason: `not built in env ${settings.env ?? "(none)"}`,
    }));
    let tails = new Map<string, string[]>();
    const { items: prepared, failures } = prepareBuilds({ specs, env: io.env, now: new Date() });
    const items = inBuildOrder(prepared);
    results.push(...failures);
    const progress = flags.wait
      ? createProgressRenderer({
          stream: flags.json ? io.stderr : io.stdout,
          isTTY: flags.json ? false : io.isTTY,
        })
      : undefined;
    try {
      if (items.length > 0) {
        results.push(
          ...(await dispatchInOrder({
            client,
            items,
            concurrency: flags.concurrency,
            ratePerSecond: flags.rate,
            skipExisting: true,
            rebuild: flags.rebuild,
            wait: flags.wait,
            // The local console and build records show "CLI" for these builds.
            trigger: buildTrigger({ kind: "cli" }),
            ...(io.signal ? { signal: io.signal } : {}),
            ...(progress ? { onProgress: (event) => showEvent(progress, event, io) } : {}),
          })),
        );
      }
      if (flags.wait && !io.signal?.aborted) tails = await failureLines(client, results, io.env);
    } finally {
      progress?.done();
      await client.close?.();
    }
    if (io.signal?.aborted) {
      results.splice(0, results.length, ...results.map(stillRunning));
      io.stderr.write(
        "interrupted: stopped waiting; submitted builds keep running (imagebuild status JOB_ID)\n",
      );
    }
    results.sort((a, b) => a.file.localeCompare(b.file));
    const ok = !io.signal?.aborted && results.every(succeeded);
    if (flags.json) {
      const withTails = results.map((r) => {
        const logTail = r.status === "submitted" ? tails.get(r.jobId) : undefined;
        return logTail ? { ...redactResult(r, io.env), logTail } : redactResult(r, io.env);
      });
      writeJson(io.stdout, { ok, results: withTails });
    } else {
      io.stdout.write(resultsTable(results, io.env) + formatFailureLines(results, tails));
    }
    return ok ? EXIT_OK : EXIT_FAILED;
  },
};

// A build we stopped following has not failed: show it as submitted, with no final status.
function stillRunning(result: DispatchResult): DispatchResult {
  if (result.status !== "submitted" || !result.reason?.startsWith("could not follow"))
    return result;
  const { finalStatus: _final, reason: _reason, ...rest } = result;
  return { ...rest, reason: "still running: stopped waiting" };
}

// Bases first, so the first wave goes out in file order among specs that build on nothing of the run.
function inBuildOrder<T extends { spec: { file: string; bases?: { spec?: { file: string } }[] } }>(
  items: T[],
): T[] {
  const byFile = new Map(items.map((item) => [item.spec.file, item]));
  const basesOf = (file: string) =>
    (byFile.get(file)?.spec.bases ?? []).flatMap((b) => (b.spec ? [b.spec.file] : []));
  return buildOrder([...byFile.keys()], basesOf).map((file) => byFile.get(file) as T);
}

function succeeded(result: DispatchResult): boolean {
  if (result.status === "failed" || result.status === "blocked") return false;
  if (result.status === "submitted")
    return result.finalStatus === undefined || result.finalStatus === "Succeeded";
  return true;
}

function showEvent(progress: ProgressRenderer, event: DispatchEvent, io: Io): void {
  // After Ctrl-C the waits end with an abort error, not a build failure.
  const text =
    event.type === "finished" && io.signal?.aborted
      ? `${event.jobId}  still running: stopped waiting`
      : eventText(event, io.env);
  progress.update(event.file, text);
}

function eventText(event: DispatchEvent, env: NodeJS.ProcessEnv): string {
  switch (event.type) {
    case "submitted": {
      const attempt = describeAttempt(event);
      return event.replay && attempt
        ? attempt
        : `${event.jobId}  Submitted${attempt ? ` (${attempt})` : ""}`;
    }
    case "skipped":
      return `skipped: ${event.reason}`;
    case "blocked":
      return `blocked: ${event.reason}`;
    case "failed":
      return `failed: ${event.code}: ${formatError(event, env).message}`;
    case "status":
      return `${event.jobId}  ${event.status}`;
    case "finished":
      return `${event.jobId}  ${event.finalStatus}${event.reason ? `: ${event.reason}` : ""}`;
  }
}

function resultsTable(results: DispatchResult[], env: NodeJS.ProcessEnv): string {
  const table = formatTable({
    rows: results,
    columns: [
      { header: "SPEC", value: (r) => r.file },
      {
        header: "STATUS",
        value: (r) => (r.status === "submitted" ? (r.finalStatus ?? "submitted") : r.status),
      },
      { header: "JOB", value: (r) => (r.status === "submitted" ? r.jobId : undefined) },
      { header: "DETAIL", value: (r) => detail(r, env) },
    ],
  });
  const count = (s: DispatchResult["status"]) => results.filter((r) => r.status === s).length;
  const failedBuilds = results.filter((r) => r.status === "submitted" && !succeeded(r)).length;
  const blocked = count("blocked") > 0 ? `, ${count("blocked")} blocked` : "";
  const summary = `${count("submitted")} submitted, ${count("skipped")} skipped, ${count("failed")} failed to submit${blocked}${failedBuilds > 0 ? `, ${failedBuilds} build(s) did not succeed` : ""}\n`;
  return table + summary;
}

function detail(result: DispatchResult, env: NodeJS.ProcessEnv): string | undefined {
  if (result.status === "skipped" || result.status === "blocked") return result.reason;
  if (result.status === "failed")
    return `${result.error.code}: ${formatError(result.error, env).message}`;
  const parts = [describeAttempt(result), result.reason].filter(Boolean);
  return parts.length > 0 ? parts.join("; ") : undefined;
}

function redactResult(result: DispatchResult, env: NodeJS.ProcessEnv): DispatchResult {
  if (result.status !== "failed") return result;
  return { ...result, error: { ...result.error, message: formatError(result.error, env).message } };
}
