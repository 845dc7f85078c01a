/** The whole pipeline on one machine: the bundle s.yaml deploys, hosted locally behind its triggers, against local stand-ins. */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createPaiClient } from "@imagebuild/pai-client";
import type { SpecResult } from "@imagebuild/schema";
import { type FcHost, startFcHost } from "../fc/start-fc-host.ts";
import { timerTriggersOf } from "../fc/timer-triggers.ts";
import { startChatServer } from "../chat/chat-server.ts";
import { type GitHostServer, startGitHostServer } from "../git-host/git-host-server.ts";
import { gitPushPayload } from "../git-host/git-push-event.ts";
import { type LocalOssServer, startLocalOssServer } from "../oss/local-oss-server.ts";
import { type BucketWatcher, watchBucket } from "../oss/watch-bucket.ts";
import { deliverPush, resultsOf } from "./deliver-push.ts";
import { describeResult } from "./describe-result.ts";
import { followBuilds } from "./follow-builds.ts";
import { formatLogLine } from "./format-log-line.ts";
import { seedBucketDefaults } from "./seed-bucket-defaults.ts";
import { summarizeImages } from "./summarize-images.ts";
import { trackAnswers } from "./track-answers.ts";

/** The bucket name the local folder plays (`oss://local-specs`). */
export const DEV_BUCKET = "local-specs";
/** How long push() waits for the worker to dispatch a delivery's records. */
const DISPATCH_WAIT_MS = 10 * 60 * 1000;
const DISPATCH_POLL_MS = 25;

/** The region of the local bucket and function. */
export const DEV_REGION = "cn-hangzhou";

/** A running dev pipeline. */
export interface DevPipeline {
  /** Where the function's HTTP trigger listens. */
  handlerUrl: string;
  /** `local/<folder>`: the repository name pushes carry and the git host serves. */
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
  /**
   * Fires s.yaml's timer trigger `triggerName` now, with its payload (as FC would at its cron time),
   * and returns the function's answer (undefined when it threw, as FC would retry).
   */
  tick(triggerName: string): Promise<unknown>;
  /** Registry repositories with tags, and the workspace's image list. */
  summary(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the pipeline around a running local PAI service (`paiUrl`, registry at `registryUrl`):
 * a git host serving `repoDir`, a bucket server over `bucketDir`, and the FC host running the
 * function `sYamlPath` deploys, configured by s.yaml as in production with `${env(...)}` values for
 * this repository and only the endpoints (PAI, git provider API, OSS) pointed at local services.
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
  sYamlPath = path.join(repoDir, "s.yaml"),
  port = 0,
  env = process.env,
  out,
  timers = true,
  credentials,
  registryAuth,
  defaultRegistry,
}: {
  repoDir: string;
  bucketDir: string;
  paiUrl: string;
  registryUrl: string;
  secret: string;
  sYamlPath?: string;
  port?: number;
  /** The environment `s` would render s.yaml's `${env(...)}` from (the dev settings win). */
  env?: Readonly<Record<string, string | undefined>>;
  out: (line: string) => void;
  timers?: boolean;
  /**
   * The local service's keys: the function gets them as its role's credentials in each invocation's
   * context (as FC passes STS credentials), and the pipeline's own client signs with them.
   */
  credentials?: { accessKeyId: string; accessKeySecret: string } | undefined;
  /** The local registry's login, for the summary of what it holds and the function's base-digest HEADs. */
  registryAuth?: { username: string; password: string } | undefined;
  /** The registry (host/namespace) of the specs that name none: the function's `IMAGEBUILD_DEFAULT_REGISTRY`. */
  defaultRegistry?: string | undefined;
}): Promise<DevPipeline> {
  const repository = `local/${path.basename(path.resolve(repoDir)).replace(/[^A-Za-z0-9_.-]/g, "-")}`;
  const head = execFileSync("git", ["rev-parse", "--abbrev-ref", "HEAD"], {
    cwd: repoDir,
    encoding: "utf8",
  }).trim();
  const branch = head === "HEAD" ? "main" : head;
  seedBucketDefaults({ repoDir, bucketDir });
  const client = createPaiClient({
    endpoint: paiUrl,
    env: {},
    ...(credentials ? { credentials } : {}),
  });
  const builds = followBuilds({ client, out });
  const answers = trackAnswers({ builds, out });

  const started: { close(): unknown }[] = [client];
  try {
    // Statuses and digests are printed as the function posts them (the stand-ins record them).
    const git: GitHostServer = await startGitHostServer({
      repoDir,
      repository,
      onStatus: (status) =>
        out(
          `status ${status.state.padEnd(7)} ${status.context} ${status.sha.slice(0, 12)}: ${status.description}`,
        ),
    });
    started.push(git);
    const chatSecrets = { dingtalk: `SEC${randomUUID()}`, lark: randomUUID() };
    const chat = await startChatServer({
      secrets: chatSecrets,
      onDigest: (digest) => {
        const [title = "", ...lines] = digest.text.split("\n");
        out(`chat  ${digest.channel}${digest.signed ? " (signed)" : ""}: ${title}`);
        for (const line of lines) out(`chat    ${line}`);
      },
    });
    started.push(chat);
    const oss: LocalOssServer = await startLocalOssServer({
      rootDir: bucketDir,
      bucket: DEV_BUCKET,
      region: DEV_REGION,
    });
    started.push(oss);
    const host: FcHost = await startFcHost({
      sYamlPath,
      ...(credentials ? { credentials } : {}),
      sEnv: {
        ...env,
        IMAGEBUILD_ENV: "local",
        ...(defaultRegistry ? { IMAGEBUILD_DEFAULT_REGISTRY: defaultRegistry } : {}),
        ALIBABA_CLOUD_REGION_ID: DEV_REGION,
        IMAGEBUILD_SPEC_BUCKET: DEV_BUCKET,
        IMAGEBUILD_ALLOWED_REPOSITORIES: repository,
        IMAGEBUILD_ALLOWED_BRANCHES: branch,
        IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: secret,
        IMAGEBUILD_ALLOWED_SOURCE_HOSTS: git.host,
        IMAGEBUILD_TIMER_SOURCE: `github:${repository}@${branch}`,
        // The git host takes any token; a token is what makes the function post statuses.
        IMAGEBUILD_GITHUB_TOKEN: `local-${randomUUID()}`,
        IMAGEBUILD_ALLOWED_CHAT_HOSTS: chat.host,
        IMAGEBUILD_DINGTALK_WEBHOOK_URL: chat.webhooks.dingtalk,
        IMAGEBUILD_DINGTALK_SECRET: chatSecrets.dingtalk,
        IMAGEBUILD_LARK_WEBHOOK_URL: chat.webhooks.lark,
        IMAGEBUILD_LARK_SECRET: chatSecrets.lark,
        IMAGEBUILD_SLACK_WEBHOOK_URL: chat.webhooks.slack,
      },
      endpoints: {
        IMAGEBUILD_ENDPOINT: paiUrl,
        IMAGEBUILD_GITHUB_API_URL: git.url,
        IMAGEBUILD_OSS_ENDPOINT: oss.url,
        ...registryMirrorSettings({ registryUrl, registryAuth }),
      },
      port,
      timers,
      out,
      onLog: (line) => out(formatLogLine(line)),
      onAnswer: answers.onAnswer,
    });
    started.push(host);
    const watchers: BucketWatcher[] = await Promise.all(
      host.ossTriggers.map((trigger) =>
        watchBucket({
          rootDir: bucketDir,
          bucket: DEV_BUCKET,
          region: DEV_REGION,
          prefix: trigger.prefix,
          suffix: trigger.suffix,
          onEvent: async (event) => {
            out(`oss   ObjectCreated:PutObject ${event.events[0]?.oss.object.key}`);
            await host.invokeAsync("oss", event);
          },
        }),
      ),
    );
    started.push(...watchers);

    // The worker's dispatch answers for a delivery's records (bounded: a record FC gave up on has none).
    const dispatchedResults = async (delivery: string, records: number): Promise<SpecResult[]> => {
      const deadline = Date.now() + DISPATCH_WAIT_MS;
      while (answers.dispatchedOf(delivery).parts.size < records && Date.now() < deadline) {
        const failed = [...host.asyncTasks.values()].some((task) => task.status === "failed");
        if (failed && answers.dispatchedOf(delivery).parts.size > 0) break;
        await sleep(DISPATCH_POLL_MS);
      }
      return answers.dispatchedOf(delivery).results;
    };

    return {
      handlerUrl: host.url,
      repository,
      async push({ commit, all = false, followInBackground = true } = {}) {
        answers.followPushes = followInBackground;
        const payload = gitPushPayload({ repoDir, repository, commit, all });
        const [changes] = payload.commits;
        out(
          `push  ${payload.after.slice(0, 12)} (${changes?.added.length ?? 0} added, ${changes?.modified.length ?? 0} modified, ${changes?.removed.length ?? 0} removed)`,
        );
        const { status, answer } = await deliverPush({
          url: host.url,
          secret,
          payload,
          delivery: randomUUID(),
          onRedeliver: () => out("push  still dispatching; asking again"),
        });
        const records = answer && "records" in answer ? (answer.records ?? 0) : 0;
        const results =
          answer && "delivery" in answer && records > 0
            ? await dispatchedResults(answer.delivery, records)
            : resultsOf(answer);
        const said = answer && "status" in answer ? answer.status : "";
        const reason = answer && "reason" in answer ? `: ${answer.reason}` : "";
        const message = answer && "message" in answer ? `: ${answer.message}` : "";
        out(`push  → ${status} ${said}${reason}${message}`);
        for (const line of results) out(`push  ${describeResult(line)}`);
        return { status, results };
      },
      // The pushed jobs, then the function's own follow chain (it submits dependents as bases succeed).
      async waitForBuilds(results) {
        const failed = await builds.wait(results);
        await host.asyncIdle();
        for (const [file, end] of answers.ends)
          if (end !== "Succeeded" && !failed.includes(file)) failed.push(file);
        return failed;
      },
      async tick(triggerName) {
        const trigger = timerTriggersOf(host.fn.triggers).find((t) => t.name === triggerName);
        if (!trigger) throw new Error(`s.yaml has no timer trigger named ${triggerName}`);
        const triggerTime = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
        out(`timer ${triggerName} ${triggerTime} (fired by hand)`);
        return host.invokeAsync("timer", {
          triggerTime,
          triggerName,
          ...(trigger.payload === undefined ? {} : { payload: trigger.payload }),
        });
      },
      summary: () => summarizeImages({ registryUrl, registryAuth, client }),
      async close() {
        builds.stop();
        for (const service of started.reverse()) await service.close();
      },
    };
  } catch (error) {
    builds.stop();
    for (const service of started.reverse()) await service.close();
    throw error;
  }
}

/** The secret name of the local registry's login, as the function reads it (`IMAGEBUILD_SECRET_<NAME>`). */
const LOCAL_REGISTRY_SECRET = "LOCAL_REGISTRY";

/**
 * The function's settings for the local registry as the Docker Hub mirror (the local service serves
 * busybox and debian there): `IMAGEBUILD_REGISTRY_MIRRORS` and, with a login, the login as a secret in
 * the environment (never on a command line), which no spec can name (it is bound to no host).
 *
 * @example
 * registryMirrorSettings({ registryUrl: "http://127.0.0.1:5000", registryAuth: undefined });
 * // { IMAGEBUILD_REGISTRY_MIRRORS: '{"docker.io":{"host":"127.0.0.1:5000"}}' }
 */
export function registryMirrorSettings({
  registryUrl,
  registryAuth,
}: {
  registryUrl: string;
  registryAuth?: { username: string; password: string } | undefined;
}): Record<string, string> {
  const host = new URL(registryUrl).host;
  const mirror = registryAuth ? { host, secret: LOCAL_REGISTRY_SECRET } : { host };
  return {
    IMAGEBUILD_REGISTRY_MIRRORS: JSON.stringify({ "docker.io": mirror }),
    ...(registryAuth
      ? {
          [`IMAGEBUILD_SECRET_${LOCAL_REGISTRY_SECRET}`]: `${registryAuth.username}:${registryAuth.password}`,
        }
      : {}),
  };
}
