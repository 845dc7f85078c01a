/** Lark/Feishu custom bot: a text message, with `timestamp` and `sign` in the body when a secret is set. */
import type { ChatChannel } from "./chat-channel.ts";
import { digestText } from "./chat-channel.ts";
import { jsonCodeRejected } from "./dingtalk.ts";
import { signLark } from "./sign-lark.ts";

/**
 * Lark/Feishu's custom bot (`https://open.feishu.cn/open-apis/bot/v2/hook/…`, or open.larksuite.com).
 * Answers `{"code":0}`; another code (19021 bad signature, 11232 throttled) is a rejection.
 * Limit: 100 requests a minute and 5 a second per bot; a body of at most 20 KB.
 *
 * @example
 * larkChannel.request({ webhookUrl, secret, digest, now }).body // { timestamp, sign, msg_type: "text", content }
 */
export const larkChannel: ChatChannel = {
  name: "lark",
  title: "Lark/Feishu",
  minIntervalMs: 600,
  request({ webhookUrl, secret, digest, now }) {
    const timestampSeconds = Math.floor(now.getTime() / 1000);
    return {
      url: webhookUrl,
      body: {
        ...(secret
          ? { timestamp: String(timestampSeconds), sign: signLark({ timestampSeconds, secret }) }
          : {}),
        msg_type: "text",
        content: { text: digestText(digest) },
      },
    };
  },
  rejected: (answer) => jsonCodeRejected(answer, "code", "msg"),
};
