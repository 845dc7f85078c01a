/** The HTTP trigger: a local port whose requests reach the function as FC 3.0 HTTP events. */
import { createServer } from "node:http";
import type { FcInvoke } from "./fc-invoke.ts";
import { sendFcResponse, toFcHttpEvent } from "./fc-http-event.ts";
import { listenServer } from "../listen-server.ts";

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** A running HTTP trigger. */
export interface HttpTriggerServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the function on `host:port`: each request becomes an FC 3.0 HTTP-trigger event (a Buffer of
 * JSON, as FC passes it) given to `invoke`, and the returned value becomes the response. Bodies over FC's 32 MB
 * synchronous limit are refused with 413 before the handler runs, as the gateway does.
 *
 * @example
 * const trigger = await startHttpTriggerServer({ invoke: fn.invoke, port: 9000 });
 */
export async function startHttpTriggerServer({
  invoke,
  port = 0,
  host = "127.0.0.1",
  onRequest,
}: {
  invoke: FcInvoke;
  port?: number;
  host?: string;
  /** Called after each response with a one-line summary and what the function returned. */
  onRequest?: (line: string, result: unknown) => void;
}): Promise<HttpTriggerServer> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      if (size > MAX_BODY_BYTES) {
        response.writeHead(413).end();
        return;
      }
      const event = toFcHttpEvent({
        method: request.method ?? "GET",
        url: request.url ?? "/",
        headers: request.headers,
        body: Buffer.concat(chunks),
        sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
      });
      invoke(Buffer.from(JSON.stringify(event)), { requestId: event.requestContext.requestId })
        .then((result) => {
          sendFcResponse(response, result);
          onRequest?.(
            `${event.requestContext.http.method} ${event.rawPath} → ${response.statusCode}`,
            result,
          );
        })
        .catch((error: unknown) => {
          // FC answers an unhandled error with 502 and the error type header.
          response
            .writeHead(502, { "x-fc-error-type": "UnhandledInvocationError" })
            .end(String(error));
        });
    });
  });
  const { url, close } = await listenServer({ server, port, host });
  return { url, close };
}
