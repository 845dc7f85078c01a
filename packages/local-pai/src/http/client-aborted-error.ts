/** The client went away before its request body arrived: nothing to answer, and not a server fault. */

/**
 * Thrown by `readBody` when the client aborts the upload (the connection closed mid-body).
 *
 * @example
 * if ((error as { code?: string }).code === "CLIENT_ABORTED") log.info("request aborted by the client");
 */
export class ClientAbortedError extends Error {
  override readonly name = "ClientAbortedError";
  readonly code = "CLIENT_ABORTED";
  /** Body bytes received before the abort. */
  readonly receivedBytes: number;

  constructor({ receivedBytes, cause }: { receivedBytes: number; cause?: unknown }) {
    super(`the client aborted the request after ${receivedBytes} body bytes`, { cause });
    this.receivedBytes = receivedBytes;
  }
}
