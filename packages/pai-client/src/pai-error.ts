/** The one error a PAI call throws: the gateway envelope, the HTTP status, the action and how many attempts. */

import { isRetryableResponse } from "./retry-policy.ts";

/** Codes the client itself uses when there is no envelope code. */
export type PaiClientErrorCode =
  | "NetworkError"
  | "Timeout"
  | "Aborted"
  | "InvalidResponse"
  | "UnknownError"
  | "WaitTimeout";

/** What a `PaiError` is built from. */
export interface PaiErrorInit {
  /** The envelope `Code` (e.g. `Throttling.User`, `100400027`) or a `PaiClientErrorCode`. */
  code: string;
  message: string;
  action: string;
  statusCode?: number | undefined;
  requestId?: string | undefined;
  hostId?: string | undefined;
  recommend?: string | undefined;
  attempts?: number | undefined;
  retryable?: boolean | undefined;
  /** The server's requested wait, if it sent one. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * A failed PAI call. Check `code`, not the message; `attempts` counts every HTTP attempt made.
 * The message carries the action, status, code, server message and request id, never credentials.
 *
 * @example
 * try { await client.getImage("image-x") } catch (e) {
 *   if (e.code === "NotFound") …; console.error(e.message, e.requestId);
 * }
 */
export class PaiError extends Error {
  override readonly name = "PaiError";
  readonly code: string;
  readonly action: string;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;
  readonly hostId: string | undefined;
  readonly recommend: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** Set by the transport once it stops retrying. */
  attempts: number;

  constructor(init: PaiErrorInit) {
    super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.action = init.action;
    this.statusCode = init.statusCode;
    this.requestId = init.requestId;
    this.hostId = init.hostId;
    this.recommend = init.recommend;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
  }
}

/**
 * Reads an error response: a JSON envelope (`Code|code`, `Message|message`, `RequestId|requestId`,
 * `HostId`, `Recommend`) or, failing that, the text itself (trimmed to 500 characters).
 *
 * @example
 * errorFromResponse({ action: "GetImage", statusCode: 404, text: '{"Code":"NotFound","Message":"no image"}' })
 */
export function errorFromResponse({
  action,
  statusCode,
  text,
  headerRequestId,
  retryAfterMs,
}: {
  action: string;
  statusCode: number;
  text: string;
  headerRequestId?: string | undefined;
  retryAfterMs?: number | undefined;
}): PaiError {
  const envelope = parseEnvelope(text);
  const code = pick(envelope, "Code", "code") ?? `Http${statusCode}`;
  const message =
    pick(envelope, "Message", "message") ??
    (envelope ? "" : text.trim().slice(0, MAX_TEXT_MESSAGE_CHARS)) ??
    "";
  return new PaiError({
    code,
    message: message || `HTTP ${statusCode}`,
    action,
    statusCode,
    requestId: pick(envelope, "RequestId", "requestId") ?? headerRequestId,
    hostId: pick(envelope, "HostId", "hostId"),
    recommend: pick(envelope, "Recommend", "recommend"),
    retryable: isRetryableResponse({ statusCode, code }),
    retryAfterMs,
  });
}

const MAX_TEXT_MESSAGE_CHARS = 500;

function parseEnvelope(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function pick(
  envelope: Record<string, unknown> | undefined,
  ...keys: string[]
): string | undefined {
  for (const key of keys) {
    const value = envelope?.[key];
    if (typeof value === "string" && value !== "") return value;
    if (typeof value === "number") return String(value);
  }
  return undefined;
}

function formatMessage({ action, statusCode, code, message, requestId }: PaiErrorInit): string {
  const status = statusCode === undefined ? "" : ` (HTTP ${statusCode})`;
  const request = requestId ? ` [request id ${requestId}]` : "";
  return `${action} failed${status}: ${code}: ${message}${request}`;
}
