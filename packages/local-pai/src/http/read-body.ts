/** Reads a request body into one Buffer, refusing more than a size limit. */
import type { IncomingMessage } from "node:http";
import { ApiError } from "./api-error.ts";
import { ClientAbortedError } from "./client-aborted-error.ts";

/** The default body limit: CreateImageBuild's Dockerfile may be 64 KiB; 1 MiB leaves room for the rest. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads the whole body, or throws 413 `RequestBodyTooLarge` as soon as it exceeds `limitBytes`
 * (see docs/decisions/local-pai-body-limit.md), or `ClientAbortedError` when the client goes away
 * mid-body.
 *
 * @example
 * const raw = await readBody({ req, limitBytes: DEFAULT_BODY_LIMIT_BYTES });
 */
export async function readBody({
  req,
  limitBytes = DEFAULT_BODY_LIMIT_BYTES,
}: {
  req: IncomingMessage;
  limitBytes?: number;
}): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limitBytes) throw tooLarge(limitBytes);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // Node ends the stream with "aborted" (ECONNRESET) when the socket closes before the body did.
    if (req.readableAborted || (error as { code?: string }).code === "ECONNRESET") {
      throw new ClientAbortedError({ receivedBytes: size, cause: error });
    }
    throw error;
  }
  return Buffer.concat(chunks);
}

function tooLarge(limitBytes: number): ApiError {
  return new ApiError({
    statusCode: 413,
    code: "RequestBodyTooLarge",
    message: `request body: larger than the limit of ${limitBytes} bytes`,
  });
}
