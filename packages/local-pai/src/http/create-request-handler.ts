/** The HTTP entry point: route, read the body, authenticate, throttle, run the handler, answer JSON. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type AccessKey, authenticate } from "../auth/authenticate.ts";
import type { TokenBuckets } from "../auth/token-bucket.ts";
import { createImageBuildRoute } from "../handlers/create-image-build.ts";
import {
  addImageRoute,
  getImageRoute,
  listImagesRoute,
  removeImageRoute,
} from "../handlers/images.ts";
import { getJobLogsRoute, getJobRoute, stopJobRoute } from "../handlers/jobs.ts";
import { listJobsRoute } from "../handlers/list-jobs.ts";
import { deleteJobRoute } from "../handlers/delete-job.ts";
import { getPodLogsRoute } from "../handlers/pod-logs.ts";
import { getJobEventsRoute, getPodEventsRoute } from "../handlers/job-events.ts";
import {
  addImageLabelsRoute,
  listImageLabelsRoute,
  removeImageLabelsRoute,
} from "../handlers/image-labels.ts";
import { publishImageRoute } from "../handlers/publish-image.ts";
import { listEcsSpecsRoute } from "../handlers/ecs-specs.ts";
import { createConsoleHandler } from "../console/create-console-handler.ts";
import { newRequestId } from "../ids.ts";
import type { Logger } from "../logger.ts";
import type { NonceStore } from "../store/nonce-store.ts";
import { ApiError } from "./api-error.ts";
import type { ClientAbortedError } from "./client-aborted-error.ts";
import { createRouter } from "./match-route.ts";
import { parseTarget } from "./parse-target.ts";
import { readBody } from "./read-body.ts";
import type { ServiceContext } from "./service-context.ts";

/**
 * Every route the service serves.
 *
 * @example
 * ROUTES.map((route) => `${route.method} ${route.path}`);
 */
export const ROUTES = [
  createImageBuildRoute,
  listImagesRoute,
  addImageRoute,
  getImageRoute,
  removeImageRoute,
  getJobRoute,
  stopJobRoute,
  getJobLogsRoute,
  listJobsRoute,
  deleteJobRoute,
  getPodLogsRoute,
  getJobEventsRoute,
  getPodEventsRoute,
  listImageLabelsRoute,
  addImageLabelsRoute,
  removeImageLabelsRoute,
  publishImageRoute,
  listEcsSpecsRoute,
] as const;

/**
 * Creates the `node:http` request listener of the service.
 *
 * @example
 * const server = createServer(createRequestHandler({ service, accessKeys: [], nonces, log, bodyLimitBytes: 1 << 20 }));
 */
export function createRequestHandler({
  service,
  accessKeys,
  nonces,
  buckets,
  bodyLimitBytes,
  log,
}: {
  service: ServiceContext;
  accessKeys: readonly AccessKey[];
  nonces: NonceStore;
  buckets?: TokenBuckets | undefined;
  bodyLimitBytes: number;
  log: Logger;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const router = createRouter(ROUTES);
  const serveConsole = createConsoleHandler({ service, signed: accessKeys.length > 0, log });
  return (req, res) => {
    if (serveConsole(req, res)) return;
    const requestId = newRequestId();
    const host = (req.headers.host ?? "127.0.0.1").replace(/:\d+$/, "");
    const method = req.method ?? "GET";
    const handle = async () => {
      const url = parseTarget(req.url ?? "/");
      const found = router.match(method, url.pathname);
      if (!found) {
        throw new ApiError({
          statusCode: 404,
          code: "InvalidApi.NotFound",
          message: `${method} ${url.pathname} is not an API of this service`,
        });
      }
      const body = await readBody({ req, limitBytes: bodyLimitBytes });
      const caller = authenticate({
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        accessKeys,
        nonces,
      });
      const waitMs = buckets?.take(caller) ?? 0;
      if (waitMs > 0) {
        throw new ApiError({
          statusCode: 400,
          code: "Throttling.User",
          message: "Request was denied due to user flow control.",
          headers: {
            "x-acs-retry-after": String(waitMs),
            "retry-after": String(Math.ceil(waitMs / 1000)),
          },
        });
      }
      const action = req.headers["x-acs-action"];
      if (typeof action === "string" && action !== found.route.action) {
        throw new ApiError({
          statusCode: 400,
          code: "InvalidAction.NotFound",
          message: `x-acs-action: ${action} does not match ${method} ${found.route.path} (${found.route.action})`,
        });
      }
      return found.route.handle(
        {
          requestId,
          caller,
          params: found.params,
          query: url.searchParams,
          headers: req.headers,
          body,
        },
        service,
      );
    };
    handle().then(
      (response) =>
        send(res, response.statusCode ?? 200, { RequestId: requestId, ...response.body }),
      (error: unknown) => {
        if ((error as { code?: string } | undefined)?.code === "CLIENT_ABORTED") {
          // The socket is gone: there is no one to answer, and nothing went wrong on this side.
          log.info("request aborted by the client", {
            requestId,
            method,
            path: req.url?.split("?")[0],
            receivedBytes: (error as ClientAbortedError).receivedBytes,
          });
          return;
        }
        const apiError =
          error instanceof ApiError
            ? error
            : new ApiError({
                statusCode: 500,
                code: "InternalError",
                message: "The request processing has failed due to some unknown error.",
                cause: error,
              });
        if (apiError.statusCode >= 500) {
          log.error("request failed", { requestId, error: String(error) });
        }
        if (apiError.code === "RequestBodyTooLarge") res.setHeader("connection", "close");
        send(
          res,
          apiError.statusCode,
          {
            RequestId: requestId,
            HostId: host,
            Code: apiError.code,
            Message: apiError.message,
            Recommend: "",
          },
          apiError.headers,
        );
      },
    );
  };
}

function send(
  res: ServerResponse,
  statusCode: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(statusCode, {
    "content-type": "application/json;charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "x-acs-request-id": String(body.RequestId),
    ...headers,
  });
  res.end(text);
}
