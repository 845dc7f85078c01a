/** The contract of one chat service: how a digest becomes its webhook request, and what it answers. */
import type { PostAnswer } from "../../providers/fetch-allowed.ts";

/** One push's (or tick's, or upload's) digest: a title and one line per spec. */
export interface Digest {
  title: string;
  /** `what built, what failed and why`, one line per spec. */
  lines: string[];
}

/**
 * A chat service reached through an incoming-webhook URL. Register it in `chat/index.ts`.
 *
 * @example
 * const { url, body } = slackChannel.request({ webhookUrl, secret: undefined, digest, now: new Date() });
 */
export interface ChatChannel {
  name: string;
  title: string;
  /**
   * The documented rate limit as the least time between two posts from one instance (a digest is
   * one post; see docs/decisions/build-trigger-report.md for the figures).
   */
  minIntervalMs: number;
  request(input: { webhookUrl: string; secret: string | undefined; digest: Digest; now: Date }): {
    url: string;
    body: unknown;
  };
  /** Undefined when the service took the message, otherwise why not. */
  rejected(answer: PostAnswer): string | undefined;
}

/** The digest as plain text, title first. */
export function digestText(digest: Digest): string {
  return [digest.title, ...digest.lines].join("\n");
}
