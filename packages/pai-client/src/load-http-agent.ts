/** Creates the keep-alive undici Agent, loading only the parts of undici the client uses. */
// The reference makes the internal-module types visible to every project that type-checks this file.
/// <reference path="./undici-internals.d.ts" />
import type { Dispatcher } from "undici";

/** The two operations the transport needs from a dispatcher. */
export interface HttpSender {
  request(options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  close(): Promise<void>;
}

/** Agent settings, all in milliseconds. */
export interface HttpAgentOptions {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
  keepAliveMs: number;
}

/**
 * Loads undici's `Agent` and `request` modules directly. undici's index also loads fetch, WebSocket,
 * caches and mocks, which roughly doubles the cold-start import cost (bench/pai-client-startup.ts);
 * undici is pinned to 7.30.2 and the integration tests exercise this path.
 *
 * @example
 * const sender = await loadHttpAgent({ connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, keepAliveMs: 30_000 });
 * const { statusCode } = await sender.request({ origin, path: "/", method: "GET" });
 */
export async function loadHttpAgent({
  connectMs,
  headersMs,
  bodyMs,
  keepAliveMs,
}: HttpAgentOptions): Promise<HttpSender> {
  const [agentModule, requestModule] = await Promise.all([
    import("undici/lib/dispatcher/agent.js"),
    import("undici/lib/api/api-request.js"),
  ]);
  const Agent = agentModule.default;
  const request = requestModule.default;
  const agent = new Agent({
    connect: { timeout: connectMs },
    headersTimeout: headersMs,
    bodyTimeout: bodyMs,
    keepAliveTimeout: keepAliveMs,
  });
  return {
    request: (options) => request.call(agent, options),
    close: () => agent.close(),
  };
}

/**
 * Wraps a caller's dispatcher (any undici `Dispatcher` with the request API).
 *
 * @example
 * const sender = fromDispatcher(new Agent());
 */
export function fromDispatcher(dispatcher: Dispatcher): HttpSender {
  return {
    request: (options) => dispatcher.request(options),
    close: () => dispatcher.close(),
  };
}
