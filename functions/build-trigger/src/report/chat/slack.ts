/** A Slack-compatible incoming webhook: `{"text": …}`, answered `ok`. */
import type { ChatChannel } from "./chat-channel.ts";
import { digestText } from "./chat-channel.ts";

/**
 * Slack's incoming webhooks (and the services that copy them, e.g. Mattermost, Rocket.Chat).
 * Answers HTTP 200 `ok`; 429 when over the limit of one message a second per webhook.
 *
 * @example
 * slackChannel.request({ webhookUrl, secret: undefined, digest, now }).body // { text: "…" }
 */
export const slackChannel: ChatChannel = {
  name: "slack",
  title: "Slack",
  minIntervalMs: 1000,
  request: ({ webhookUrl, digest }) => ({ url: webhookUrl, body: { text: digestText(digest) } }),
  rejected: (answer) =>
    answer.status >= 200 && answer.status < 300 ? undefined : `HTTP ${answer.status}`,
};
