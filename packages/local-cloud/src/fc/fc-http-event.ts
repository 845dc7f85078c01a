/** Translates a node:http request into the exact FC 3.0 HTTP-trigger event, and the handler's answer back. */
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { FcHttpEvent } from "@imagebuild/schema";

const TEXT_TYPES =
  /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+(json|xml))/i;

/**
 * Builds the event FC passes to an event handler: header names in canonical MIME case
 * (`X-Github-Event`), repeated headers and query keys joined with commas, `rawPath` URL-encoded and
 * `requestContext.http.path` decoded, the body base64 (`isBase64Encoded`) unless it is UTF-8 text.
 *
 * @example
 * const event = toFcHttpEvent({ method: "POST", url: "/hook?a=1", headers: req.headers, body, sourceIp: "127.0.0.1" });
 */
export function toFcHttpEvent({
  method,
  url,
  headers,
  body,
  sourceIp,
  now = new Date(),
}: {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  now?: Date;
}): FcHttpEvent {
  const parsed = new URL(url, "http://localhost");
  const eventHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    eventHeaders[canonicalHeaderName(name)] = Array.isArray(value) ? value.join(",") : value;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams)
    query[key] = key in query ? `${query[key]},${value}` : value;
  const contentType = String(headers["content-type"] ?? "");
  const text = body.length === 0 || (TEXT_TYPES.test(contentType) && isUtf8(body));
  const host = String(headers.host ?? "127.0.0.1");
  return {
    version: "v1",
    rawPath: parsed.pathname,
    body: text ? body.toString("utf8") : body.toString("base64"),
    isBase64Encoded: !text,
    headers: eventHeaders,
    queryParameters: query,
    requestContext: {
      accountId: "000000000000000",
      domainName: host,
      domainPrefix: host.split(".")[0] ?? host,
      requestId: `1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID().slice(0, 24)}`,
      time: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      timeEpoch: String(now.getTime()),
      http: {
        method: method.toUpperCase() as FcHttpEvent["requestContext"]["http"]["method"],
        path: decodeURIComponent(parsed.pathname),
        protocol: "HTTP/1.1",
        sourceIp,
        userAgent: String(headers["user-agent"] ?? ""),
      },
    },
  };
}

/**
 * Writes what the handler returned as FC would: `{statusCode, headers, body, isBase64Encoded}`;
 * any other value as a 200 JSON body.
 *
 * @example
 * sendFcResponse(res, await handler(Buffer.from(JSON.stringify(event)), context));
 */
export function sendFcResponse(response: ServerResponse, result: unknown): void {
  const shaped = result as {
    statusCode?: unknown;
    headers?: Record<string, string>;
    body?: unknown;
    isBase64Encoded?: boolean;
  };
  if (typeof shaped?.statusCode === "number") {
    const body = typeof shaped.body === "string" ? shaped.body : "";
    response.writeHead(shaped.statusCode, shaped.headers ?? {});
    response.end(shaped.isBase64Encoded ? Buffer.from(body, "base64") : body);
    return;
  }
  response
    .writeHead(200, { "content-type": "application/json" })
    .end(JSON.stringify(result ?? null));
}

/**
 * Canonical MIME case, as FC's gateway presents header names.
 *
 * @example
 * canonicalHeaderName("x-github-event") // "X-Github-Event"
 */
export function canonicalHeaderName(name: string): string {
  return name
    .split("-")
    .map((part) => (part === "" ? part : part[0]?.toUpperCase() + part.slice(1).toLowerCase()))
    .join("-");
}

function isUtf8(body: Buffer): boolean {
  return Buffer.from(body.toString("utf8"), "utf8").equals(body);
}
