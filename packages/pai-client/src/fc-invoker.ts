/** Function Compute 3.0's InvokeFunction over undici: ACS3-signed, retried, with async task ids for dedup. */
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Credentials } from "./credentials.ts";
import { type HttpSender, loadHttpAgent } from "./load-http-agent.ts";
import { type NetworkFailure, networkFailure } from "./network-error.ts";
import { PaiConfigError } from "./pai-config-error.ts";
import { errorFromResponse } from "./pai-error.ts";
import { DEFAULT_TIMEOUTS } from "./pai-transport.ts";
import { percentEncode } from "./percent-encode.ts";
import {
  backoffDelayMs,
  DEFAULT_RETRY,
  type RetryOptions,
  retryAfterMsFromHeaders,
} from "./retry-policy.ts";
import { formatAcsDate, signRequest } from "./sign-request.ts";
import { sha256Hex } from "./sha256-hex.ts";

/** `x-acs-version` and path prefix of Function Compute 3.0's API. */
export const FC_API_VERSION = "2023-03-30";
/** Overrides the FC API base URL (the local FC host in `imagebuild dev`). */
export const ENV_FC_ENDPOINT = "IMAGEBUILD_FC_ENDPOINT";
/** FC's documented limit of an asynchronous invocation's payload. */
export const FC_ASYNC_PAYLOAD_MAX_BYTES = 128 * 1024;
/** FC's rule for `x-fc-async-task-id`: a letter or `_` first, then letters, digits, `_`, `-`; ≤ 128. */
export const FC_ASYNC_TASK_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

/** One invocation to send. */
export interface InvokeFunctionRequest {
  functionName: string;
  /** Version or alias; absent means LATEST. */
  qualifier?: string | undefined;
  /** The event bytes the function receives (a Buffer in the handler). */
  payload: string | Uint8Array;
  invocationType?: "Async" | "Sync";
  /** Names the async task (needs `asyncTask: true` in the async config); FC rejects a reused id with 409. */
  asyncTaskId?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** What FC answered. */
export interface InvokeFunctionResult {
  statusCode: number;
  requestId: string | undefined;
  /** True when FC already had a task with this `asyncTaskId` (HTTP 409): the work is enqueued already. */
  duplicate: boolean;
  body: string;
  attempts: number;
}

/** Sends invocations over one keep-alive agent; `close()` ends it. */
export interface FcInvoker {
  invoke(request: InvokeFunctionRequest): Promise<InvokeFunctionResult>;
  close(): Promise<void>;
}

/**
 * The FC API base URL: `IMAGEBUILD_FC_ENDPOINT` when set, else the function's own region endpoint
 * `https://<accountId>.<region>.fc.aliyuncs.com` (FC passes both in the context, and as
 * `FC_ACCOUNT_ID` / `FC_REGION` in the environment).
 *
 * @example
 * resolveFcEndpoint({ accountId: "1234", region: "cn-hangzhou", env: {} }) // "https://1234.cn-hangzhou.fc.aliyuncs.com"
 */
export function resolveFcEndpoint({
  accountId,
  region,
  env = process.env,
}: {
  accountId?: string | undefined;
  region?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
}): string {
  const override = env[ENV_FC_ENDPOINT]?.trim();
  if (override) {
    let url: URL;
    try {
      url = new URL(override);
    } catch (cause) {
      throw new PaiConfigError({
        code: "ENDPOINT_INVALID",
        field: ENV_FC_ENDPOINT,
        message: `${ENV_FC_ENDPOINT}: not a URL; expected e.g. https://1234.cn-hangzhou.fc.aliyuncs.com`,
        cause,
      });
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.pathname.length > 1)
      throw new PaiConfigError({
        code: "ENDPOINT_INVALID",
        field: ENV_FC_ENDPOINT,
        message: `${ENV_FC_ENDPOINT}: must be a bare http(s) origin`,
      });
    return url.origin;
  }
  const account = accountId ?? env.FC_ACCOUNT_ID;
  const regionId = region ?? env.FC_REGION;
  if (!account || !/^\d+$/.test(account) || !regionId || !/^[a-z]{2,}(-[a-z0-9]+)+$/.test(regionId))
    throw new PaiConfigError({
      code: "ENDPOINT_INVALID",
      field: ENV_FC_ENDPOINT,
      message: `no FC endpoint: the context has no account id and region; set ${ENV_FC_ENDPOINT}`,
    });
  return `https://${account}.${regionId}.fc.aliyuncs.com`;
}

/**
 * Creates an invoker for `endpoint`. Every attempt is signed afresh (ACS3-HMAC-SHA256 with
 * `credentials`; unsigned without, which only the local FC host accepts). 5xx, throttling and
 * network failures are retried when resending is safe: always with an `asyncTaskId` (FC
 * deduplicates it), else only when the connection failed before the request was sent.
 *
 * @example
 * const fc = createFcInvoker({ endpoint, credentials });
 * await fc.invoke({ functionName: "imagebuild-build-trigger", payload: JSON.stringify(record), asyncTaskId: "d-1" });
 */
export function createFcInvoker({
  endpoint,
  credentials,
  retry,
  sender: given,
}: {
  endpoint: string;
  credentials?: Credentials | undefined;
  retry?: Partial<RetryOptions> | undefined;
  sender?: HttpSender | undefined;
}): FcInvoker {
  const policy = { ...DEFAULT_RETRY, ...retry };
  const origin = new URL(endpoint).origin;
  const host = new URL(endpoint).host;
  let agent: Promise<HttpSender> | undefined;
  const getAgent = () => {
    agent ??= given ? Promise.resolve(given) : loadHttpAgent(DEFAULT_TIMEOUTS);
    return agent;
  };

  async function invoke({
    functionName,
    qualifier,
    payload,
    invocationType = "Async",
    asyncTaskId,
    signal,
  }: InvokeFunctionRequest): Promise<InvokeFunctionResult> {
    if (asyncTaskId !== undefined && !FC_ASYNC_TASK_ID_PATTERN.test(asyncTaskId))
      throw new PaiConfigError({
        code: "ENDPOINT_INVALID",
        field: "asyncTaskId",
        message: `asyncTaskId "${asyncTaskId}" must match ${FC_ASYNC_TASK_ID_PATTERN}`,
      });
    const path = `/${FC_API_VERSION}/functions/${percentEncode(functionName)}/invocations`;
    const query = qualifier ? { qualifier } : undefined;
    const body = typeof payload === "string" ? Buffer.from(payload) : payload;
    const base: Record<string, string> = {
      "x-acs-action": "InvokeFunction",
      "x-acs-version": FC_API_VERSION,
      "content-type": "application/octet-stream",
      "x-fc-invocation-type": invocationType,
      ...(asyncTaskId ? { "x-fc-async-task-id": asyncTaskId } : {}),
    };
    for (let attempt = 1; ; attempt++) {
      const headers = credentials
        ? signRequest({ method: "POST", host, path, query, headers: base, body, credentials })
            .headers
        : {
            ...base,
            host,
            "x-acs-date": formatAcsDate(new Date()),
            "x-acs-signature-nonce": randomBytes(16).toString("hex"),
            "x-acs-content-sha256": sha256Hex(body),
          };
      const sender = await getAgent();
      let failure: NetworkFailure;
      try {
        const response = await sender.request({
          origin,
          path: query ? `${path}?qualifier=${percentEncode(query.qualifier)}` : path,
          method: "POST",
          headers,
          body,
          signal,
        });
        const text = await response.body.text();
        const requestId = header(
          response.headers["x-fc-request-id"] ?? response.headers["x-acs-request-id"],
        );
        if (response.statusCode < 300 || (response.statusCode === 409 && asyncTaskId))
          return {
            statusCode: response.statusCode,
            requestId,
            duplicate: response.statusCode === 409,
            body: text,
            attempts: attempt,
          };
        failure = {
          error: errorFromResponse({
            action: "InvokeFunction",
            statusCode: response.statusCode,
            text,
            headerRequestId: requestId,
            retryAfterMs: retryAfterMsFromHeaders(response.headers),
          }),
          connectPhase: false,
        };
      } catch (cause) {
        failure = networkFailure({ action: "InvokeFunction", origin, cause, signal });
      }
      const { error } = failure;
      error.attempts = attempt;
      const mayResend = asyncTaskId !== undefined || failure.connectPhase;
      if (!error.retryable || !mayResend || attempt >= policy.maxAttempts) throw error;
      const delayMs = Math.max(
        error.retryAfterMs ?? 0,
        backoffDelayMs({
          retry: attempt,
          baseDelayMs: policy.baseDelayMs,
          maxDelayMs: policy.maxDelayMs,
        }),
      );
      if (delayMs > policy.maxRetryAfterMs) throw error;
      await sleep(delayMs, undefined, { signal });
    }
  }

  return {
    invoke,
    async close() {
      if (given === undefined && agent !== undefined) await (await agent).close();
    },
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
