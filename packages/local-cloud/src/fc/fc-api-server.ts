/** Function Compute 3.0's InvokeFunction API, locally: `POST /2023-03-30/functions/{name}/invocations`. */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { listenServer } from "../listen-server.ts";

/** FC's limit of an asynchronous invocation's payload. */
export const ASYNC_PAYLOAD_MAX_BYTES = 128 * 1024;
const SYNC_PAYLOAD_MAX_BYTES = 32 * 1024 * 1024;
const PATH = /^\/2023-03-30\/functions\/([^/]+)\/invocations$/;
const TASK_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

/** A running API server. */
export interface FcApiServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves InvokeFunction for one function. `x-fc-invocation-type: Async` enqueues the payload
 * (`enqueueAsync`, 202; a reused `x-fc-async-task-id` is 409 as FC's task mode answers, so a
 * redelivered webhook enqueues nothing twice); otherwise the call is synchronous (`invokeSync`,
 * 200 with what the handler returned). Requests are not signature-checked: like the local PAI
 * service without keys, the host trusts its machine.
 *
 * @example
 * const api = await startFcApiServer({ functionName: "fn", enqueueAsync: (p, id) => queue.enqueue(p, id), invokeSync });
 */
export async function startFcApiServer({
  functionName,
  enqueueAsync,
  invokeSync,
  port = 0,
  host = "127.0.0.1",
}: {
  functionName: string;
  enqueueAsync(payload: Buffer, taskId: string): boolean;
  invokeSync(payload: Buffer, requestId: string): Promise<unknown>;
  port?: number;
  host?: string;
}): Promise<FcApiServer> {
  const server = createServer((request, response) => {
    const requestId = randomUUID();
    const fail = (statusCode: number, code: string, message: string) =>
      response
        .writeHead(statusCode, { "content-type": "application/json", "x-fc-request-id": requestId })
        .end(JSON.stringify({ RequestId: requestId, Code: code, Message: message }));
    const url = new URL(request.url ?? "/", "http://fc.local");
    const match = PATH.exec(url.pathname);
    if (request.method !== "POST" || !match)
      return fail(404, "NotFound", `no route ${request.method} ${url.pathname}`);
    if (decodeURIComponent(match[1] ?? "") !== functionName)
      return fail(404, "FunctionNotFound", `function ${match[1]} does not exist`);
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= SYNC_PAYLOAD_MAX_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      const payload = Buffer.concat(chunks);
      const type = String(request.headers["x-fc-invocation-type"] ?? "Sync");
      if (type === "Async") {
        if (size > ASYNC_PAYLOAD_MAX_BYTES)
          return fail(
            413,
            "PayloadTooLarge",
            `async payload is ${size} bytes; the limit is ${ASYNC_PAYLOAD_MAX_BYTES}`,
          );
        const given = request.headers["x-fc-async-task-id"];
        const taskId = typeof given === "string" && given !== "" ? given : `task-${requestId}`;
        if (!TASK_ID.test(taskId))
          return fail(
            400,
            "InvalidArgument",
            `x-fc-async-task-id "${taskId}" is not a valid task id`,
          );
        if (!enqueueAsync(payload, taskId))
          return fail(409, "AsyncTaskAlreadyExists", `async task ${taskId} already exists`);
        response
          .writeHead(202, { "x-fc-request-id": requestId, "x-fc-async-task-id": taskId })
          .end();
        return;
      }
      if (size > SYNC_PAYLOAD_MAX_BYTES) return fail(413, "PayloadTooLarge", "over 32 MB");
      invokeSync(payload, requestId).then(
        (result) =>
          response
            .writeHead(200, { "content-type": "application/json", "x-fc-request-id": requestId })
            .end(JSON.stringify(result ?? null)),
        (error: unknown) =>
          response
            .writeHead(200, {
              "content-type": "application/json",
              "x-fc-request-id": requestId,
              "x-fc-error-type": "UnhandledInvocationError",
            })
            .end(
              JSON.stringify({
                errorMessage: error instanceof Error ? error.message : String(error),
              }),
            ),
      );
    });
  });
  const { url, close } = await listenServer({ server, port, host });
  return { url, close };
}
