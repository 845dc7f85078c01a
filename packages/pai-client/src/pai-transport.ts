/** Sends one PAI action over an undici dispatcher: signs every attempt afresh and retries what is safe to retry. */
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Dispatcher } from "undici";
import { canonicalQueryString, type QueryInput } from "./canonical-request.ts";
import type { CredentialsProvider } from "./credentials.ts";
import { fromDispatcher, type HttpSender, loadHttpAgent } from "./load-http-agent.ts";
import { networkFailure } from "./network-error.ts";
import type { PaiClientEventHandler } from "./pai-client-event.ts";
import { errorFromResponse, PaiError } from "./pai-error.ts";
import {
  backoffDelayMs,
  DEFAULT_RETRY,
  type RetryOptions,
  retryAfterMsFromHeaders,
} from "./retry-policy.ts";
import { formatAcsDate, signRequest } from "./sign-request.ts";
import { sha256Hex } from "./sha256-hex.ts";

/** Socket timeouts of the shared agent. */
export interface TimeoutOptions {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
  keepAliveMs: number;
}

/** Defaults: connect 10 s, headers 30 s, body 30 s, idle keep-alive 30 s. */
export const DEFAULT_TIMEOUTS: TimeoutOptions = {
  connectMs: 10_000,
  headersMs: 30_000,
  bodyMs: 30_000,
  keepAliveMs: 30_000,
};

const USER_AGENT = "imagebuild-pai-client/0.1.0";
const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** One API call as the operations describe it. */
export interface PaiRequest {
  origin: string;
  action: string;
  version: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path with its segments already percent-encoded. */
  path: string;
  query?: QueryInput | undefined;
  /** Serialised to JSON once, so every attempt sends (and signs) the same bytes. */
  body?: unknown;
  /**
   * Extra headers, sent on every attempt. Signed only if signable (`x-acs-*`, `content-type`), like
   * every header; `x-imagebuild-trigger` is not, so PAI's signature check never sees it.
   */
  headers?: Readonly<Record<string, string>> | undefined;
  /** True for GET/DELETE and for a POST carrying a ClientToken: resending cannot do the work twice. */
  idempotent: boolean;
  signal?: AbortSignal | undefined;
}

/** A successful response: the parsed JSON body plus what the caller may want to log. */
export interface PaiResponse {
  body: unknown;
  statusCode: number;
  requestId: string | undefined;
  attempts: number;
}

/** What `createPaiTransport` takes. */
export interface PaiTransportOptions {
  /** Absent: send unsigned requests (the local service without keys). */
  credentials?: CredentialsProvider | undefined;
  retry?: Partial<RetryOptions> | undefined;
  timeouts?: Partial<TimeoutOptions> | undefined;
  /** Bring your own dispatcher (then `close()` leaves it open). */
  dispatcher?: Dispatcher | undefined;
  onEvent?: PaiClientEventHandler | undefined;
}

/** Sends requests; `close()` ends the keep-alive sockets it owns. */
export interface PaiTransport {
  send(request: PaiRequest): Promise<PaiResponse>;
  close(): Promise<void>;
}

/**
 * Creates the transport behind `createPaiClient`: one keep-alive undici `Agent`, sign-inside-retry.
 *
 * @example
 * const transport = createPaiTransport({ credentials: staticCredentials(creds) });
 * await transport.send({ origin, action: "GetJob", version: "2020-12-03", method: "GET", path: "/api/v1/jobs/dlc-1", idempotent: true });
 */
export function createPaiTransport({
  credentials,
  retry,
  timeouts,
  dispatcher,
  onEvent,
}: PaiTransportOptions = {}): PaiTransport {
  const policy = { ...DEFAULT_RETRY, ...retry };
  const limits = { ...DEFAULT_TIMEOUTS, ...timeouts };
  // undici is loaded on the first request, so importing the package (to sign or verify) stays cheap.
  let agent: Promise<HttpSender> | undefined;
  const getAgent = (): Promise<HttpSender> => {
    agent ??= dispatcher ? Promise.resolve(fromDispatcher(dispatcher)) : loadHttpAgent(limits);
    return agent;
  };
  const emit: PaiClientEventHandler = (event) => {
    try {
      onEvent?.(event);
    } catch {
      // A logging hook must not change the outcome of a call.
    }
  };

  async function send(request: PaiRequest): Promise<PaiResponse> {
    const { origin, action, method, path, query, signal } = request;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const queryString = canonicalQueryString(query);
    const host = new URL(origin).host;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) {
        throw new PaiError({
          code: "Aborted",
          action,
          message: "the call was aborted",
          attempts: attempt - 1,
          cause: signal.reason,
        });
      }
      const creds = credentials ? await credentials() : undefined;
      const baseHeaders: Record<string, string> = {
        ...request.headers,
        "x-acs-action": action,
        "x-acs-version": request.version,
        accept: "application/json",
        "user-agent": USER_AGENT,
      };
      if (body !== undefined) baseHeaders["content-type"] = JSON_CONTENT_TYPE;
      const headers = creds
        ? signRequest({ method, host, path, query, headers: baseHeaders, body, credentials: creds })
            .headers
        : unsignedHeaders(host, baseHeaders, body);
      const sender = await getAgent();
      emit({ type: "request", action, method, origin, path, attempt });
      const started = performance.now();
      let failure: { error: PaiError; connectPhase: boolean };
      try {
        const response = await sender.request({
          origin,
          path: queryString ? `${path}?${queryString}` : path,
          method,
          headers,
          body,
          signal,
        });
        const text = await response.body.text();
        const requestId = headerValue(response.headers["x-acs-request-id"]);
        emit({
          type: "response",
          action,
          attempt,
          statusCode: response.statusCode,
          requestId,
          durationMs: Math.round(performance.now() - started),
        });
        if (response.statusCode < 400) {
          return {
            body: parseJson(text, action, response.statusCode, attempt),
            statusCode: response.statusCode,
            requestId,
            attempts: attempt,
          };
        }
        failure = {
          error: errorFromResponse({
            action,
            statusCode: response.statusCode,
            text: redact(text, creds),
            headerRequestId: requestId,
            retryAfterMs: retryAfterMsFromHeaders(response.headers),
          }),
          connectPhase: false,
        };
      } catch (cause) {
        if (cause instanceof PaiError) throw cause;
        failure = networkFailure({ action, origin, cause, signal });
      }
      const { error } = failure;
      error.attempts = attempt;
      const delayMs = Math.max(
        error.retryAfterMs ?? 0,
        backoffDelayMs({
          retry: attempt,
          baseDelayMs: policy.baseDelayMs,
          maxDelayMs: policy.maxDelayMs,
        }),
      );
      const mayResend = request.idempotent || failure.connectPhase;
      const serverWaitTooLong = (error.retryAfterMs ?? 0) > policy.maxRetryAfterMs;
      if (!error.retryable || !mayResend || attempt >= policy.maxAttempts || serverWaitTooLong) {
        emit({
          type: "error",
          action,
          attempts: attempt,
          code: error.code,
          statusCode: error.statusCode,
          requestId: error.requestId,
        });
        throw error;
      }
      emit({
        type: "retry",
        action,
        attempt,
        delayMs,
        code: error.code,
        statusCode: error.statusCode,
      });
      try {
        await sleep(delayMs, undefined, { signal });
      } catch (cause) {
        throw new PaiError({
          code: "Aborted",
          action,
          message: "the call was aborted while waiting to retry",
          attempts: attempt,
          cause,
        });
      }
    }
  }

  return {
    send,
    async close() {
      if (dispatcher === undefined && agent !== undefined) await (await agent).close();
    },
  };
}

// Unsigned mode still sends date, nonce and payload hash so the local service sees the usual shape.
function unsignedHeaders(
  host: string,
  base: Record<string, string>,
  body: string | undefined,
): Record<string, string> {
  return {
    ...base,
    host,
    "x-acs-date": formatAcsDate(new Date()),
    "x-acs-signature-nonce": randomBytes(16).toString("hex"),
    "x-acs-content-sha256": sha256Hex(body ?? ""),
  };
}

function parseJson(text: string, action: string, statusCode: number, attempts: number): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PaiError({
      code: "InvalidResponse",
      action,
      statusCode,
      attempts,
      message: "the response body is not JSON",
      cause,
    });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

// A server echoing our request back must not leak a secret into an error message or log.
function redact(
  text: string,
  creds: { accessKeySecret: string; securityToken?: string | undefined } | undefined,
): string {
  if (!creds) return text;
  let out = text.split(creds.accessKeySecret).join("[redacted]");
  if (creds.securityToken) out = out.split(creds.securityToken).join("[redacted]");
  return out;
}
