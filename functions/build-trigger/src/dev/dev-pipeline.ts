/** The whole pipeline on one machine: the handler hosted locally, a folder as the bucket, s.yaml's timers, git pushes. */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createPaiClient } from "@imagebuild/pai-client";
import { createHandler, type FcHandler } from "../create-handler.ts";
import { createLogger } from "../logger.ts";
import { gitPushPayload, sendGithubPush } from "./git-push-event.ts";
import { hostHandler } from "./host-handler.ts";
import { startLocalOssServer } from "./local-oss-server.ts";
import { startTimers, timerTriggersFromSYaml } from "./timer-triggers.ts";
import { watchBucket } from "./watch-bucket.ts";

/** The bucket name the local folder plays (`oss://local-specs`). */
export const DEV_BUCKET = "local-specs";
/** The region of the local bucket's events. */
export const DEV_REGION = "cn-hangzhou";
const JOB_POLL_MS = 1000;
const JOB_TIMEOUT_MS = 30 * 60 * 1000;
/** Redeliveries of a push answered `accepted` (each waits up to the 9 s response deadline). */
const PUSH_REDELIVERIES = 40;

/** One spec's line in a push or upload result, as the handler returns it. */
export interface SpecResult {
  file: string;
  status: string;
  jobId?: string;
  reason?: string;
  problems?: string[];
  error?: { code: string; message: string };
}

/** A running dev pipeline. */
export interface DevPipeline {
  /** Where the handler listens (the HTTP trigger's URL). */
  handlerUrl: string;
  /** `local/<folder>`: the repository name pushes carry. */
  repository: string;
  /** Sends a signed GitHub-shaped push for `commit` (all files as added with `all`). */
  push(options?: {
    commit?: string;
    all?: boolean;
    /** Print the builds' progress as they run (off when the caller waits with `waitForBuilds`). */
    followInBackground?: boolean;
  }): Promise<{ status: number; results: SpecResult[] }>;
  /** Waits for the jobs of `results`, printing status changes; returns the files whose build did not succeed. */
  waitForBuilds(results: readonly SpecResult[]): Promise<string[]>;
  /** Registry repositories with tags, and the workspace's image list. */
  summary(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the pipeline around a running local PAI service (`paiUrl`, registry at `registryUrl`).
 * The handler gets the settings it would get in Function Compute, pointed at local stand-ins.
 *
 * @example
 * const dev = await startDevPipeline({ repoDir, bucketDir, paiUrl: pai.url, registryUrl: pai.registry.url, secret, port: 9000, out });
 * const { results } = await dev.push({ all: true });
 */
export async function startDevPipeline({
  repoDir,
  bucketDir,
  paiUrl,
  registryUrl,
  secret,
  port = 0,
  env = process.env,
  out,
  timers = true,
}: {
  repoDir: string;
  bucketDir: string;
  paiUrl: string;
  registryUrl: string;
  secret: string;
  port?: number;
  env?: Readonly<Record<string, string | undefined>>;
  out: (line: string) => void;
  timers?: boolean;
}): Promise<DevPipeline> {
  const repository = `local/${path.basename(path.resolve(repoDir)).replace(/[^A-Za-z0-9_.-]/g, "-")}`;
  const branch = execFileSync("git", ["rev-parse", "--abbrev-ref", "HEAD"], {
    cwd: repoDir,
    encoding: "utf8",
  }).trim();
  seedBucketDefaults({ repoDir, bucketDir });
  const oss = await startLocalOssServer({
    rootDir: bucketDir,
    bucket: DEV_BUCKET,
    region: DEV_REGION,
  });
  const handlerEnv: Record<string, string | undefined> = {
    ...env,
    ALIBABA_CLOUD_ACCESS_KEY_ID: undefined,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined,
    ALIBABA_CLOUD_SECURITY_TOKEN: undefined,
    IMAGEBUILD_ENDPOINT: paiUrl,
    IMAGEBUILD_ENV: "local",
    IMAGEBUILD_LOCAL_REPO: repoDir,
    IMAGEBUILD_ALLOWED_REPOSITORIES: repository,
    IMAGEBUILD_ALLOWED_BRANCHES: branch === "HEAD" ? "main" : branch,
    IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: secret,
    IMAGEBUILD_OSS_ENDPOINT: oss.url,
    IMAGEBUILD_ALLOWED_BUCKETS: DEV_BUCKET,
    IMAGEBUILD_TIMER_SOURCE: `git:${repoDir}@HEAD`,
    IMAGEBUILD_HTTP_DEADLINE_MS: "9000",
  };
  const log = createLogger({ secrets: [secret], write: (line) => out(formatLogLine(line)) });
  const handler: FcHandler = createHandler({ env: handlerEnv, log });
  const client = createPaiClient({ endpoint: paiUrl, env: {} });
  const following = new Set<string>();
  const stopFollowing = new AbortController();
  // Builds started by uploads, ticks or `dev push` from another terminal are followed in the background.
  const follow = (results: readonly SpecResult[]) => {
    for (const result of results) {
      if (result.status !== "submitted" || !result.jobId || following.has(result.jobId)) continue;
      following.add(result.jobId);
      client
        .waitForJob(result.jobId, {
          pollMs: JOB_POLL_MS,
          maxPollMs: JOB_POLL_MS * 2,
          timeoutMs: JOB_TIMEOUT_MS,
          signal: stopFollowing.signal,
          onStatus: (job) =>
            out(
              `build ${result.file}: ${job.Status}${job.ReasonMessage ? ` (${job.ReasonMessage})` : ""}`,
            ),
        })
        .catch((error: unknown) => {
          if (!stopFollowing.signal.aborted)
            out(`build ${result.file}: stopped following ${result.jobId}: ${String(error)}`);
        });
    }
  };
  let followPushes = true;
  const hosted = await hostHandler({
    handler,
    port,
    onRequest: (line, result) => {
      out(`http  ${line}`);
      if (!followPushes) return;
      try {
        const body = JSON.parse(String((result as { body?: unknown }).body ?? "{}")) as {
          results?: SpecResult[];
        };
        follow(body.results ?? []);
      } catch {
        // Not a JSON answer (health check): nothing to follow.
      }
    },
  });
  const invokeAsync = async (kind: string, event: unknown) => {
    try {
      const result = (await handler(Buffer.from(JSON.stringify(event)), {
        requestId: `dev-${kind}-${Date.now()}`,
      })) as { results?: SpecResult[] };
      for (const line of result.results ?? []) out(`${kind.padEnd(5)} ${describe(line)}`);
      follow(result.results ?? []);
    } catch (error) {
      // Function Compute would retry this asynchronous invocation; the dev loop reports it.
      out(
        `${kind.padEnd(5)} failed, FC would retry: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  const watcher = await watchBucket({
    rootDir: bucketDir,
    bucket: DEV_BUCKET,
    region: DEV_REGION,
    prefix: "specs/",
    onEvent: (event) => {
      out(`oss   ObjectCreated:PutObject ${event.events[0]?.oss.object.key}`);
      return invokeAsync("oss", event);
    },
  });
  const sYaml = path.join(repoDir, "s.yaml");
  const stopTimers =
    timers && existsSync(sYaml)
      ? startTimers({
          triggers: timerTriggersFromSYaml(readFileSync(sYaml, "utf8")),
          onEvent: (event) => {
            out(`timer ${event.triggerName} ${event.triggerTime}`);
            return invokeAsync("timer", event);
          },
        })
      : () => {};

  return {
    handlerUrl: hosted.url,
    repository,
    async push({ commit, all = false, followInBackground = true } = {}) {
      followPushes = followInBackground;
      const payload = gitPushPayload({ repoDir, repository, commit, all });
      out(
        `push  ${payload.after.slice(0, 12)} (${payload.commits[0]?.added.length ?? 0} added, ${payload.commits[0]?.modified.length ?? 0} modified, ${payload.commits[0]?.removed.length ?? 0} removed)`,
      );
      // A dispatch still running at the response deadline is answered `accepted` without results;
      // redelivering the same delivery id joins it, so --once waits for the real per-spec results.
      const delivery = randomUUID();
      let status: number;
      let parsed: { results?: SpecResult[]; status?: string; reason?: string; message?: string };
      for (let attempt = 1; ; attempt++) {
        const answer = await sendGithubPush({ url: hosted.url, secret, payload, delivery });
        status = answer.status;
        parsed = JSON.parse(answer.body) as typeof parsed;
        if (parsed.status !== "accepted" || attempt >= PUSH_REDELIVERIES) break;
        out("push  still dispatching; asking again");
      }
      const results = parsed.results ?? [];
      out(
        `push  → ${status} ${parsed.status ?? ""}${parsed.reason ? `: ${parsed.reason}` : ""}${parsed.message ? `: ${parsed.message}` : ""}`,
      );
      for (const line of results) out(`push  ${describe(line)}`);
      return { status, results };
    },
    async waitForBuilds(results) {
      const failed: string[] = [];
      await Promise.all(
        results.map(async (result) => {
          if (result.status === "invalid" || result.status === "failed") failed.push(result.file);
          if (result.status !== "submitted" || !result.jobId) return;
          try {
            const job = await client.waitForJob(result.jobId, {
              pollMs: JOB_POLL_MS,
              maxPollMs: JOB_POLL_MS * 2,
              timeoutMs: JOB_TIMEOUT_MS,
              onStatus: (status) => out(`build ${result.file}: ${status.Status}`),
            });
            if (job.Status !== "Succeeded") {
              failed.push(result.file);
              out(
                `build ${result.file}: ${job.Status}${job.ReasonMessage ? ` (${job.ReasonMessage})` : ""}`,
              );
            }
          } catch (error) {
            failed.push(result.file);
            out(`build ${result.file}: could not follow ${result.jobId}: ${String(error)}`);
          }
        }),
      );
      return failed.sort();
    },
    async summary() {
      const lines = ["Images in the local registry:"];
      try {
        const catalog = (await (await fetch(`${registryUrl}/v2/_catalog`)).json()) as {
          repositories?: string[];
        };
        for (const name of catalog.repositories ?? []) {
          const tags = (await (await fetch(`${registryUrl}/v2/${name}/tags/list`)).json()) as {
            tags?: string[] | null;
          };
          lines.push(
            `  ${registryUrl.replace(/^https?:\/\//, "")}/${name}: ${(tags.tags ?? []).sort().join(", ")}`,
          );
        }
      } catch (error) {
        lines.push(
          `  (registry at ${registryUrl} did not answer: ${error instanceof Error ? error.message : String(error)})`,
        );
      }
      lines.push("Workspace images (ListImages, WorkspaceId local):");
      try {
        const listed = await client.listImages({ WorkspaceId: "local", PageSize: 100 });
        for (const image of listed.Images)
          lines.push(
            `  ${image.Name}  ${image.ImageUri}  ${image.SourceType ?? ""} ${image.SourceId ?? ""}`.trimEnd(),
          );
        if (listed.Images.length === 0) lines.push("  (none)");
      } catch (error) {
        lines.push(
          `  (ListImages failed: ${error instanceof Error ? error.message : String(error)})`,
        );
      }
      return lines.join("\n");
    },
    async close() {
      stopFollowing.abort();
      stopTimers();
      watcher.close();
      await hosted.close();
      await oss.close();
      await client.close();
    },
  };
}

function describe(result: SpecResult): string {
  const detail =
    result.status === "submitted"
      ? `job ${result.jobId}`
      : result.status === "invalid"
        ? (result.problems ?? []).join("; ")
        : result.status === "failed"
          ? `${result.error?.code}: ${result.error?.message}`
          : (result.reason ?? "");
  return `${result.file}: ${result.status}${detail ? ` (${detail})` : ""}`;
}

/** Turns the handler's JSON log line into a short readable one. */
function formatLogLine(line: string): string {
  try {
    const {
      time: _time,
      level,
      msg,
      requestId: _requestId,
      trigger,
      ...fields
    } = JSON.parse(line) as Record<string, unknown>;
    const rest = Object.entries(fields)
      .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
      .join(" ");
    return `fn    [${String(trigger ?? "-")}] ${String(level)} ${String(msg)}${rest ? ` ${rest}` : ""}`;
  } catch {
    return `fn    ${line.trimEnd()}`;
  }
}

/**
 * Copies the repository's `specs/**\/_defaults.yaml` into the bucket folder where missing, so a spec
 * dropped into the bucket layers the same defaults as in git (a real bucket needs them uploaded too).
 */
function seedBucketDefaults({ repoDir, bucketDir }: { repoDir: string; bucketDir: string }): void {
  const specsDir = path.join(repoDir, "specs");
  if (!existsSync(specsDir)) return;
  for (const entry of readdirSync(specsDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== "_defaults.yaml") continue;
    const from = path.join(entry.parentPath, entry.name);
    const to = path.join(bucketDir, path.relative(repoDir, from));
    if (existsSync(to)) continue;
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
}
