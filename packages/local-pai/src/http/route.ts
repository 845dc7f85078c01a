/** The shape of one API route and of what its handler receives and returns. */
import type { IncomingHttpHeaders } from "node:http";
import type { ServiceContext } from "./service-context.ts";

/**
 * One parsed, authenticated request.
 *
 * @example
 * const handle = (req: ApiRequest) => ({ body: { Caller: req.caller, Id: req.params.ImageId } });
 */
export interface ApiRequest {
  requestId: string;
  /** The AccessKey ID that signed it, or `anonymous` in unsigned mode. */
  caller: string;
  /** Path parameters by name, decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A handler's answer; `RequestId` is added by the server.
 *
 * @example
 * const response: ApiResponse = { statusCode: 200, body: { ImageId: "image-abc" } };
 */
export interface ApiResponse {
  statusCode?: number;
  body: Record<string, unknown>;
}

/**
 * One route: method, path pattern with `{Name}` parameters, and the PAI action it implements.
 *
 * @example
 * const ping: Route = { method: "GET", path: "/api/v1/ping", action: "Ping", handle: () => ({ body: {} }) };
 */
export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  action: string;
  handle(request: ApiRequest, service: ServiceContext): ApiResponse | Promise<ApiResponse>;
}
