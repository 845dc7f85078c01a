/** Scripted answers for the test PAI server: drop the connection, hang, a canned failure, or a response. */

/**
 * One scripted answer. `"drop"` destroys the connection, `"hang"` never answers, `"503"` is
 * ServiceUnavailable, `"throttle"` is HTTP 400 Throttling.User, `"serve"` lets the PAI contract
 * answer; an object is sent as given (the body verbatim, no RequestId added).
 */
export type Step =
  | "drop"
  | "hang"
  | "503"
  | "throttle"
  | "serve"
  | { status: number; body?: unknown; headers?: Record<string, string> };

/** A response the server sends: status, JSON body (or text) and extra headers. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * What a step answers; `"drop"`, `"hang"` and `"serve"` stay as they are for the server to act on.
 *
 * @example
 * stepAnswer("503", "REQ-1"); // { status: 503, body: { RequestId: "REQ-1", Code: "ServiceUnavailable", … } }
 */
export function stepAnswer(step: Step, requestId: string): Answer | "drop" | "hang" | "serve" {
  if (step === "drop" || step === "hang" || step === "serve") return step;
  if (step === "503") {
    return {
      status: 503,
      body: { RequestId: requestId, Code: "ServiceUnavailable", Message: "try again" },
    };
  }
  if (step === "throttle") return throttled(requestId);
  return { status: step.status, body: step.body ?? {}, headers: step.headers ?? {} };
}

/**
 * The gateway's flow-control answer (pai-api.md §4.2: HTTP 400 `Throttling.User`).
 *
 * @example
 * throttled("REQ-7").status; // 400
 */
export function throttled(requestId: string): Answer {
  return {
    status: 400,
    body: {
      RequestId: requestId,
      Code: "Throttling.User",
      Message: "Request was denied due to user flow control.",
    },
  };
}
