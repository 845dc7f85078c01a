/** The reporter: commit statuses per spec on the pushed commit, and one chat digest per trigger, each once per state. */
import type { SpecResult } from "@imagebuild/schema";
import type { TriggerConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import { assertAllowedHost, postJson } from "../providers/fetch-allowed.ts";
import { findProvider, providerSettings } from "../providers/index.ts";
import { CHAT_CHANNELS } from "./chat/index.ts";
import {
  type CommitStatus,
  type FinishedBuild,
  finishedStatus,
  submittedStatus,
} from "./commit-status.ts";
import { formatDigest } from "./format-digest.ts";
import type { ReportSettings } from "./report-settings.ts";
import type { ReportTrigger } from "./report-trigger.ts";

// Keys of statuses and digests this instance posted; beyond this the oldest are forgotten.
const POSTED_MEMORY = 5000;
const STATUS_CONCURRENCY = 4;

/** The two entry points: at submission (the current flow) and when the follow step saw jobs end. */
export interface Reporter {
  /**
   * Statuses for every outcome (`pending` for a submission, the terminal state for the rest) and,
   * unless `followed` (the follow step will call `reportFinished`), the chat digest.
   */
  reportSubmitted(input: {
    trigger: ReportTrigger;
    results: readonly SpecResult[];
    followed?: boolean;
  }): Promise<void>;
  /** Terminal statuses for `finished`, and the digest of `results` with their ends. */
  reportFinished(input: {
    trigger: ReportTrigger;
    results: readonly SpecResult[];
    finished: readonly FinishedBuild[];
  }): Promise<void>;
}

/**
 * A reporter for the function's settings. Never throws: a refused status or chat post is logged
 * (without the token) and the rest go on. Once per state per spec: a status is keyed by commit,
 * context, state and job, a digest by delivery and phase, so a redelivery seen by this instance
 * posts nothing again (see docs/decisions/build-trigger-report.md for other instances).
 *
 * @example
 * const reporter = createReporter({ config, log });
 * await reporter.reportSubmitted({ trigger, results: outcomes });
 */
export function createReporter({
  config,
  log,
  now = () => new Date(),
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
}: {
  config: TriggerConfig;
  log: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}): Reporter {
  const posted = new Set<string>();
  const lastPostAt = new Map<string, number>();
  const remember = (key: string): boolean => {
    if (posted.has(key)) return false;
    posted.add(key);
    if (posted.size > POSTED_MEMORY) {
      const oldest = posted.values().next().value;
      if (oldest !== undefined) posted.delete(oldest);
    }
    return true;
  };
  const settings: ReportSettings = config.report;

  async function postStatuses(trigger: ReportTrigger, statuses: CommitStatus[]): Promise<void> {
    if (trigger.kind !== "push" || statuses.length === 0) return;
    const provider = findProvider(trigger.provider);
    if (!provider) return;
    const providerConfig = providerSettings(config, provider);
    if (!providerConfig.token) {
      log.warn("commit statuses not posted: no API token", {
        provider: provider.name,
        setting: `IMAGEBUILD_${provider.name.toUpperCase()}_TOKEN`,
        specs: statuses.length,
      });
      return;
    }
    const queue = statuses.filter((status) =>
      remember(
        `status:${trigger.provider}:${trigger.repository}:${trigger.commit}:${status.context}:${status.state}:${status.jobId ?? ""}`,
      ),
    );
    const work = async () => {
      for (let status = queue.shift(); status; status = queue.shift()) {
        try {
          await provider.postStatus({
            settings: providerConfig,
            repository: trigger.repository,
            sha: trigger.commit,
            status,
            allowedHosts: config.allowedSourceHosts,
          });
          log.info("commit status posted", {
            context: status.context,
            state: status.state,
            description: status.description,
          });
        } catch (error) {
          log.error("commit status not posted", {
            context: status.context,
            state: status.state,
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: STATUS_CONCURRENCY }, work));
  }

  async function postDigest(
    trigger: ReportTrigger,
    phase: string,
    digest: ReturnType<typeof formatDigest>,
  ): Promise<void> {
    if (settings.chats.length === 0 || !remember(`digest:${trigger.deliveryKey}:${phase}`)) return;
    await Promise.all(
      settings.chats.map(async (chat) => {
        const channel = CHAT_CHANNELS.find((candidate) => candidate.name === chat.channel);
        if (!channel) return;
        try {
          assertAllowedHost({ baseUrl: chat.webhookUrl, allowedHosts: settings.allowedChatHosts });
          const wait =
            (lastPostAt.get(channel.name) ?? 0) + channel.minIntervalMs - now().getTime();
          if (wait > 0) await sleep(wait);
          lastPostAt.set(channel.name, now().getTime());
          const { url, body } = channel.request({
            webhookUrl: chat.webhookUrl,
            secret: chat.secret,
            digest,
            now: now(),
          });
          const rejected = channel.rejected(await postJson({ url, body }));
          if (rejected) throw new Error(rejected);
          log.info("chat digest posted", { channel: channel.name, title: digest.title });
        } catch (error) {
          log.error("chat digest not posted", {
            channel: channel.name,
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }),
    );
  }

  return {
    async reportSubmitted({ trigger, results, followed = false }) {
      const statuses = results.flatMap((outcome) => {
        const status = submittedStatus({ outcome, targetUrl: settings.statusTargetUrl });
        return status ? [status] : [];
      });
      await postStatuses(trigger, statuses);
      const pending = results.some((result) => result.status === "submitted");
      // The digest waits for the ends when the follow step will report them; otherwise it goes now.
      // What could not be built at all (invalid, unreadable, refused) is not kept waiting for them.
      if (!(followed && pending)) {
        await postDigest(trigger, "digest", formatDigest({ trigger, results }));
        return;
      }
      const settled = results.filter((result) => !["submitted", "removed"].includes(result.status));
      if (settled.length > 0)
        await postDigest(trigger, "settled", formatDigest({ trigger, results: settled }));
    },
    async reportFinished({ trigger, results, finished }) {
      await postStatuses(
        trigger,
        finished.map((build) => finishedStatus({ build, targetUrl: settings.statusTargetUrl })),
      );
      await postDigest(trigger, "digest", formatDigest({ trigger, results, finished }));
    },
  };
}
