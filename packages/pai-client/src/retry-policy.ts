/** Which failures are retried, and how long to wait: exponential backoff with full jitter, server hints first. */

/** How a call retries. Attempts include the first one. */
export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server-requested wait longer than this ends the retries instead of blocking the caller. */
  maxRetryAfterMs: number;
}

/** Defaults: 4 attempts, 200 ms base, 10 s cap, server waits up to 60 s honoured. */
export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
};

const RETRYABLE_CODES = new Set(["ServiceUnavailable", "InternalError"]);
/** Codes of failures where no answer came back: this client's and Node's connection errors. */
const CONNECTION_CODES = new Set([
  "NetworkError",
  "Timeout",
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
]);

/**
 * Whether an error response says "try again": any 5xx, `ServiceUnavailable`, and every
 * `Throttling*` code (including `Rejected.Throttling`), whatever its status (400 or 429).
 *
 * @example
 * isRetryableResponse({ statusCode: 400, code: "Throttling.User" }) // true
 */
export function isRetryableResponse({
  statusCode,
  code,
}: {
  statusCode: number;
  code: string;
}): boolean {
  return (
    statusCode >= 500 || statusCode === 429 || RETRYABLE_CODES.has(code) || isThrottlingCode(code)
  );
}

/**
 * Whether any error (this package's `PaiError`, another package's, a Node system error) is worth
 * retrying: its `retryable` flag when it has one, else its `statusCode` and `code` read as
 * `isRetryableResponse` reads them, plus the connection codes (`NetworkError`, `Timeout`,
 * `ECONNRESET`, `ECONNREFUSED`, `ETIMEDOUT`). The one classifier; other packages import it.
 *
 * @example
 * isRetryableError({ code: "Throttling.User" }) // true
 * isRetryableError({ code: "Throttling.User", retryable: false }) // false: the flag wins
 */
export function isRetryableError(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const { retryable, code, statusCode } = error as {
    retryable?: unknown;
    code?: unknown;
    statusCode?: unknown;
  };
  if (typeof retryable === "boolean") return retryable;
  return (
    isRetryableResponse({
      statusCode: typeof statusCode === "number" ? statusCode : 0,
      code: typeof code === "string" ? code : "",
    }) ||
    (typeof code === "string" && CONNECTION_CODES.has(code))
  );
}

/**
 * Whether a code is a flow-control rejection (the request was refused before it was acted on).
 *
 * @example
 * isThrottlingCode("Throttling.Api") // true
 */
export function isThrottlingCode(code: string): boolean {
  return code.startsWith("Throttling") || code.endsWith(".Throttling");
}

/**
 * The full-jitter delay before retry number `retry` (1 for the first retry): a uniform random wait
 * in [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))].
 *
 * @example
 * backoffDelayMs({ retry: 3, baseDelayMs: 200, maxDelayMs: 10_000 }) // somewhere in 0…800
 */
export function backoffDelayMs({
  retry,
  baseDelayMs,
  maxDelayMs,
  random = Math.random,
}: {
  retry: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Reads the server's wait hint. `x-acs-retry-after` is a positive integer in milliseconds (the
 * official SDK's reading, see docs/decisions/pai-client-retry-after.md); `Retry-After` is HTTP's
 * seconds or date. Returns `undefined` when neither is usable.
 *
 * @example
 * retryAfterMsFromHeaders({ "x-acs-retry-after": "1500" }) // 1500
 * retryAfterMsFromHeaders({ "retry-after": "2" }) // 2000
 */
export function retryAfterMsFromHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  now: number = Date.now(),
): number | undefined {
  const acs = first(headers["x-acs-retry-after"]);
  if (acs !== undefined && /^\d+$/.test(acs.trim())) {
    const ms = Number(acs.trim());
    if (ms > 0) return ms;
  }
  const http = first(headers["retry-after"])?.trim();
  if (http === undefined || http === "") return undefined;
  if (/^\d+$/.test(http)) return Number(http) * 1000;
  const at = Date.parse(http);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
