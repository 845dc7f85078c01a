/**
 * Bundle-only stand-in for the two undici modules `@imagebuild/pai-client` loads (`Agent` and
 * `request`), built on Node 20's global fetch (itself undici). It keeps the bundle free of a second
 * undici copy and its two llhttp WebAssembly builds (~290 KB). Tests run the real undici.
 */

/** Agent options as undici takes them; only the timeouts are used. */
interface AgentOptions {
  headersTimeout?: number;
  bodyTimeout?: number;
}

/** The stand-in Agent: holds the timeouts, nothing to close (fetch pools connections itself). */
export class Agent {
  readonly timeoutMs: number;

  constructor(options: AgentOptions = {}) {
    this.timeoutMs = (options.headersTimeout ?? 30_000) + (options.bodyTimeout ?? 30_000);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** undici's `request(options)` shape over fetch: `{ statusCode, headers, body: { text() } }`. */
export async function request(
  this: Agent,
  options: {
    origin: string;
    path: string;
    method: string;
    headers?: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
  },
) {
  const timeout = AbortSignal.timeout(this.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  // fetch sets host itself and rejects a caller-supplied one; the signature covers the same value.
  const { host: _host, ...headers } = options.headers ?? {};
  let response: Response;
  try {
    response = await fetch(new URL(options.path, options.origin), {
      method: options.method,
      headers,
      ...(options.body === undefined ? {} : { body: options.body }),
      signal,
    });
  } catch (error) {
    // fetch wraps socket errors (ECONNREFUSED …) in a TypeError; pass the coded cause on.
    throw (error as { cause?: unknown }).cause ?? error;
  }
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value;
  });
  return {
    statusCode: response.status,
    headers: responseHeaders,
    body: { text: () => response.text() },
  };
}
