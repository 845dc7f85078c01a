/** Server-sent events on a `node:http` response: the console's live updates. */
import type { ServerResponse } from "node:http";

/** A comment sent this often keeps proxies and idle timers from closing a quiet stream. */
const KEEPALIVE_INTERVAL_MS = 15_000;

/**
 * An open event stream.
 *
 * @example
 * const stream: EventStream = openEventStream(res);
 * stream.send("line", "STEP 1/2: FROM busybox", "42");
 */
export interface EventStream {
  /** Sends one event; `data` may span lines, `id` is what a reconnecting EventSource sends back. */
  send(event: string, data: string, id?: string): void;
  end(): void;
  /** Called once when the client goes away or the stream ends. */
  onClose(listener: () => void): void;
}

/**
 * Starts a `text/event-stream` answer.
 *
 * @example
 * const stream = openEventStream(res);
 * stream.send("builds", "<tr>…</tr>");
 */
export function openEventStream(res: ServerResponse): EventStream {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  // Ask the browser to retry soon after the service restarts.
  res.write("retry: 1000\n\n");
  const listeners: (() => void)[] = [];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepalive);
    for (const listener of listeners) listener();
  };
  const keepalive = setInterval(() => res.write(": keepalive\n\n"), KEEPALIVE_INTERVAL_MS);
  keepalive.unref();
  res.on("close", close);
  return {
    send(event, data, id) {
      if (closed) return;
      const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`);
      res.write(`event: ${event}\n${id === undefined ? "" : `id: ${id}\n`}${lines.join("")}\n`);
    },
    end() {
      close();
      res.end();
    },
    onClose(listener) {
      listeners.push(listener);
    },
  };
}
