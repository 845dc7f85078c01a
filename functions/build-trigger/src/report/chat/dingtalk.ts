/** DingTalk custom robot: markdown message, `timestamp` + `sign` query parameters when a secret is set. */
import type { ChatChannel } from "./chat-channel.ts";
import { signDingtalk } from "./sign-dingtalk.ts";

/**
 * DingTalk's custom robot (`https://oapi.dingtalk.com/robot/send?access_token=…`). Answers HTTP 200
 * with `{"errcode":0}`; any other errcode (310000 bad signature, 130101 throttled) is a rejection.
 * Limit: 20 messages a minute per robot (over it, the robot is throttled for 10 minutes).
 *
 * @example
 * dingtalkChannel.request({ webhookUrl, secret: "SEC…", digest, now: new Date() }).url // "…&timestamp=…&sign=…"
 */
export const dingtalkChannel: ChatChannel = {
  name: "dingtalk",
  title: "DingTalk",
  minIntervalMs: 3000,
  request({ webhookUrl, secret, digest, now }) {
    const timestampMs = now.getTime();
    const url = secret
      ? `${webhookUrl}${webhookUrl.includes("?") ? "&" : "?"}timestamp=${timestampMs}&sign=${signDingtalk({ timestampMs, secret })}`
      : webhookUrl;
    const text = [`### ${digest.title}`, ...digest.lines.map((line) => `- ${line}`)].join("\n");
    return { url, body: { msgtype: "markdown", markdown: { title: digest.title, text } } };
  },
  rejected: (answer) => jsonCodeRejected(answer, "errcode", "errmsg"),
};

/**
 * Undefined for HTTP 200 with `{[codeField]: 0}`, otherwise the status or the service's message.
 *
 * @example
 * jsonCodeRejected({ status: 200, text: '{"errcode":0}' }, "errcode", "errmsg") // undefined
 */
export function jsonCodeRejected(
  answer: { status: number; text: string },
  codeField: string,
  messageField: string,
): string | undefined {
  if (answer.status !== 200) return `HTTP ${answer.status}`;
  try {
    const json = JSON.parse(answer.text) as Record<string, unknown>;
    const code = json[codeField];
    if (code === 0 || code === undefined) return undefined;
    return `${codeField} ${String(code)}: ${String(json[messageField] ?? "")}`;
  } catch {
    return `not JSON: ${answer.text.slice(0, 80)}`;
  }
}
