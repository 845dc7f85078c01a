/** Events the transport reports so callers can log attempts; they never carry headers or credentials. */

/** One step of a call. `path` has no query string; nothing here is secret. */
export type PaiClientEvent =
  | {
      type: "request";
      action: string;
      method: string;
      origin: string;
      path: string;
      attempt: number;
    }
  | {
      type: "response";
      action: string;
      attempt: number;
      statusCode: number;
      requestId: string | undefined;
      durationMs: number;
    }
  | {
      type: "retry";
      action: string;
      /** The attempt that just failed. */
      attempt: number;
      delayMs: number;
      code: string;
      statusCode: number | undefined;
    }
  | {
      type: "error";
      action: string;
      attempts: number;
      code: string;
      statusCode: number | undefined;
      requestId: string | undefined;
    };

/** Receives every `PaiClientEvent`; exceptions it throws are ignored. */
export type PaiClientEventHandler = (event: PaiClientEvent) => void;
