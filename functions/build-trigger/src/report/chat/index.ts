/** The chat registry: one line per service; settings are `IMAGEBUILD_<NAME>_WEBHOOK_URL` and `IMAGEBUILD_<NAME>_SECRET`. */
import type { ChatChannel } from "./chat-channel.ts";
import { dingtalkChannel } from "./dingtalk.ts";
import { larkChannel } from "./lark.ts";
import { slackChannel } from "./slack.ts";

/**
 * Every chat service a digest can go to (each optional: configured by its webhook URL).
 *
 * @example
 * CHAT_CHANNELS.map((channel) => channel.name) // ["dingtalk", "lark", "slack"]
 */
export const CHAT_CHANNELS: readonly ChatChannel[] = [dingtalkChannel, larkChannel, slackChannel];
