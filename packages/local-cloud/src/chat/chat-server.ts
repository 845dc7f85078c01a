/** A chat stand-in: DingTalk robot, Lark/Feishu bot and Slack incoming-webhook shapes, recording each digest. */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { listenServer } from "../listen-server.ts";

/** A digest as a chat service received it. */
export interface RecordedDigest {
  channel: "dingtalk" | "lark" | "slack";
  text: string;
  /** True when a signature was sent and matched the configured secret. */
  signed: boolean;
}

/** A running chat stand-in. */
export interface ChatServer {
  url: string;
  host: string;
  /** Webhook URLs for the three services on this server. */
  webhooks: { dingtalk: string; lark: string; slack: string };
  digests: RecordedDigest[];
  close(): Promise<void>;
}

const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Serves DingTalk's `POST /robot/send?access_token=…` (markdown or text; with `secrets.dingtalk`,
 * `timestamp` and `sign` must match, else `{"errcode":310000}`), Lark's
 * `POST /open-apis/bot/v2/hook/{token}` (text; with `secrets.lark`, the body's `timestamp` and
 * `sign` must match, else `{"code":19021}`) and Slack's `POST /services/{T}/{B}/{secret}` (answers
 * `ok`). Accepted digests are recorded and passed to `onDigest`.
 *
 * @example
 * const chat = await startChatServer({ secrets: { dingtalk: "SEC…" } });
 * // IMAGEBUILD_DINGTALK_WEBHOOK_URL=chat.webhooks.dingtalk
 */
export async function startChatServer({
  secrets = {},
  onDigest,
  port = 0,
}: {
  secrets?: { dingtalk?: string; lark?: string };
  onDigest?: (digest: RecordedDigest) => void;
  port?: number;
} = {}): Promise<ChatServer> {
  const state: ChatServer = {
    url: "",
    host: "",
    webhooks: { dingtalk: "", lark: "", slack: "" },
    digests: [],
    close: async () => {},
  };
  const record = (digest: RecordedDigest) => {
    state.digests.push(digest);
    onDigest?.(digest);
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      const send = (status: number, body: unknown) =>
        response
          .writeHead(status, {
            "content-type": typeof body === "string" ? "text/plain" : "application/json",
          })
          .end(typeof body === "string" ? body : JSON.stringify(body));
      const url = new URL(request.url ?? "/", "http://localhost");
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return send(400, { errcode: 40035, errmsg: "body is not JSON" });
      }
      if (request.method !== "POST") return send(405, { message: "POST only" });
      if (url.pathname === "/robot/send") {
        const timestamp = url.searchParams.get("timestamp") ?? "";
        const sign = url.searchParams.get("sign") ?? "";
        const expected = secrets.dingtalk
          ? createHmac("sha256", secrets.dingtalk)
              .update(`${timestamp}\n${secrets.dingtalk}`)
              .digest("base64")
          : undefined;
        if (expected !== undefined && !same(sign, expected))
          return send(200, { errcode: 310000, errmsg: "sign not match" });
        const markdown = json.markdown as { text?: unknown } | undefined;
        const text = json.text as { content?: unknown } | undefined;
        record({
          channel: "dingtalk",
          text: String(markdown?.text ?? text?.content ?? ""),
          signed: expected !== undefined,
        });
        return send(200, { errcode: 0, errmsg: "ok" });
      }
      if (url.pathname.startsWith("/open-apis/bot/v2/hook/")) {
        const expected = secrets.lark
          ? createHmac("sha256", `${String(json.timestamp ?? "")}\n${secrets.lark}`)
              .update("")
              .digest("base64")
          : undefined;
        if (expected !== undefined && !same(String(json.sign ?? ""), expected))
          return send(200, {
            code: 19021,
            msg: "sign match fail or timestamp is not within one hour from current time",
          });
        const content = json.content as { text?: unknown } | undefined;
        record({
          channel: "lark",
          text: String(content?.text ?? ""),
          signed: expected !== undefined,
        });
        return send(200, { code: 0, msg: "success" });
      }
      if (/^\/services\/[^/]+\/[^/]+\/[^/]+$/.test(url.pathname)) {
        record({ channel: "slack", text: String(json.text ?? ""), signed: false });
        return send(200, "ok");
      }
      return send(404, { message: "Not Found" });
    });
  });
  const listening = await listenServer({ server, port });
  state.url = listening.url;
  state.host = listening.host;
  state.webhooks = {
    dingtalk: `${state.url}/robot/send?access_token=local-dingtalk-token`,
    lark: `${state.url}/open-apis/bot/v2/hook/local-lark-hook`,
    slack: `${state.url}/services/T000/B000/local-slack-secret`,
  };
  state.close = listening.close;
  return state;
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
