/** The reporter's settings: the status target URL, each chat service's webhook and secret, the chat host allow-list. */
import { z } from "zod";
import { envHttpUrl, envList, envOptional } from "../env-fields.ts";
import { CHAT_CHANNELS } from "./chat/index.ts";
import { StatusTargetUrlSchema } from "./status-target-url.ts";

/** One configured chat service. */
export interface ChatTarget {
  channel: string;
  webhookUrl: string;
  secret: string | undefined;
}

/** What the reporter reads from the environment. */
export interface ReportSettings {
  /** The status link; `{jobId}` and `{file}` are filled in (status-target-url.ts). */
  statusTargetUrl: string | undefined;
  chats: ChatTarget[];
  /** Hosts chat webhooks may be posted to (statuses go to the git provider's allow-listed API host). */
  allowedChatHosts: string[];
}

const base = z.object({
  IMAGEBUILD_STATUS_TARGET_URL: StatusTargetUrlSchema,
  IMAGEBUILD_ALLOWED_CHAT_HOSTS: envList,
});

/**
 * Parses `IMAGEBUILD_STATUS_TARGET_URL`, `IMAGEBUILD_ALLOWED_CHAT_HOSTS` and, per chat service,
 * `IMAGEBUILD_<NAME>_WEBHOOK_URL` and `IMAGEBUILD_<NAME>_SECRET` (DINGTALK, LARK, SLACK).
 *
 * @example
 * ReportSettingsSchema.parse({ IMAGEBUILD_SLACK_WEBHOOK_URL: "https://hooks.example.com/T/B/x" }).chats[0].channel // "slack"
 */
export const ReportSettingsSchema = base
  .extend(
    Object.fromEntries(
      CHAT_CHANNELS.flatMap((channel) => [
        [`IMAGEBUILD_${channel.name.toUpperCase()}_WEBHOOK_URL`, envHttpUrl.optional()],
        [`IMAGEBUILD_${channel.name.toUpperCase()}_SECRET`, envOptional],
      ]),
    ) as Record<string, z.ZodOptional<z.ZodString>>,
  )
  .transform(
    (env): ReportSettings => ({
      statusTargetUrl: env.IMAGEBUILD_STATUS_TARGET_URL,
      allowedChatHosts: (env.IMAGEBUILD_ALLOWED_CHAT_HOSTS as unknown as string[]).map((host) =>
        host.toLowerCase(),
      ),
      chats: CHAT_CHANNELS.flatMap((channel) => {
        const name = channel.name.toUpperCase();
        const webhookUrl = (env as Record<string, unknown>)[`IMAGEBUILD_${name}_WEBHOOK_URL`];
        const secret = (env as Record<string, unknown>)[`IMAGEBUILD_${name}_SECRET`];
        return typeof webhookUrl === "string"
          ? [
              {
                channel: channel.name,
                webhookUrl,
                secret: typeof secret === "string" ? secret : undefined,
              },
            ]
          : [];
      }),
    }),
  );

/**
 * The secret values among the settings (webhook URLs carry their access token), for the logger.
 *
 * @example
 * createLogger({ secrets: reportSecrets(settings) });
 */
export function reportSecrets(settings: ReportSettings): string[] {
  return settings.chats.flatMap((chat) => {
    const url = new URL(chat.webhookUrl);
    const token = url.searchParams.get("access_token");
    return [
      chat.webhookUrl,
      `${url.origin}${url.pathname}`,
      ...(token ? [token] : []),
      ...(chat.secret ? [chat.secret] : []),
    ];
  });
}
