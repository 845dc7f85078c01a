/** How the FC host calls the function: one event in, what the handler returned out. */

/** The per-invocation context FC gives a Node.js handler (the fields the local host fills in). */
export interface FcInvocationContext {
  requestId: string;
  region?: string;
  accountId?: string;
  function?: { name: string; handler: string; memory: number; timeout: number };
  /** The function role's key pair, as FC passes its STS credentials in every invocation's context. */
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
}

/**
 * One synchronous invocation: `event` is the Buffer FC passes; resolves with what the handler
 * returned, rejects with a `FunctionInvocationError` when it threw.
 *
 * @example
 * const invoke: FcInvoke = (event, context) => fn.invoke(event, context);
 */
export type FcInvoke = (
  event: Buffer,
  context: Pick<FcInvocationContext, "requestId">,
) => Promise<unknown>;

/**
 * The handler threw (FC's `UnhandledInvocationError`): FC answers an HTTP caller 502 with
 * `X-Fc-Error-Type`, and retries an asynchronous invocation.
 *
 * @example
 * throw new FunctionInvocationError({ errorType: "Error", errorMessage: "boom", stackTrace: [] });
 */
export class FunctionInvocationError extends Error {
  override readonly name = "FunctionInvocationError";
  readonly code = "UNHANDLED_INVOCATION_ERROR";
  readonly errorType: string;
  readonly stackTrace: string[];

  constructor({
    errorType,
    errorMessage,
    stackTrace = [],
  }: {
    errorType: string;
    errorMessage: string;
    stackTrace?: string[];
  }) {
    super(errorMessage);
    this.errorType = errorType;
    this.stackTrace = stackTrace;
  }
}
