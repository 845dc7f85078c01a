/** Maps undici and socket failures to `PaiError` (`NetworkError`, `Timeout`, `Aborted`). */
import { PaiError } from "./pai-error.ts";

// The request never reached the server, so even a POST without a ClientToken is safe to resend.
const CONNECT_PHASE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const TIMEOUT_CODES = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
]);

/** A transport failure and whether it happened before the request could reach the server. */
export interface NetworkFailure {
  error: PaiError;
  connectPhase: boolean;
}

/**
 * Classifies an exception from `dispatcher.request` or from reading the body.
 *
 * @example
 * networkFailure({ action: "GetJob", origin: "http://127.0.0.1:7070", cause: err }).error.code // "NetworkError"
 */
export function networkFailure({
  action,
  origin,
  cause,
  signal,
}: {
  action: string;
  origin: string;
  cause: unknown;
  signal?: AbortSignal | undefined;
}): NetworkFailure {
  if (signal?.aborted) {
    return {
      error: new PaiError({ code: "Aborted", action, message: "the call was aborted", cause }),
      connectPhase: false,
    };
  }
  const code = errorCode(cause);
  const timeout = TIMEOUT_CODES.has(code);
  const error = new PaiError({
    code: timeout ? "Timeout" : "NetworkError",
    action,
    message: `${timeout ? "timed out talking to" : "could not talk to"} ${origin}${code ? ` (${code})` : ""}`,
    retryable: true,
    cause,
  });
  return { error, connectPhase: CONNECT_PHASE_CODES.has(code) };
}

function errorCode(cause: unknown): string {
  let current: unknown = cause;
  for (let depth = 0; depth < 3 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return "";
}
