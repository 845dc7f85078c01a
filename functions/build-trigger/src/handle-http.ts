/** HTTP-trigger events: health check, webhook verification, and a 202 once the push's job records are enqueued. */
import type { SpecOutcome } from "@imagebuild/core";
import { isRetryableError } from "@imagebuild/pai-client/retry-policy";
import type { FcHttpResponse, SpecResult, WebhookAnswer } from "@imagebuild/schema";
import { type HttpEvent, rawBody } from "./events/http.ts";
import { pushRecords } from "./events/job-record.ts";
import type { FcContext, HandlerDeps, RecordInvoker } from "./handler-deps.ts";
import { completePush } from "./push-source.ts";
import { type PushDelivery, readDelivery } from "./webhooks/read-delivery.ts";

const DELIVERY_MEMORY = 500;

/** The outcome of one push delivery, shared by every redelivery seen by this instance. */
export type PushResult = { statusCode: number; body: WebhookAnswer };

/**
 * Answers an HTTP-trigger event. Never throws: every path returns a status. A verified push is
 * split into job records handed to asynchronous invocations of this function (FC InvokeFunction,
 * task ids derived from the delivery) and answered 202 `accepted` with the delivery id; nothing
 * else runs after the answer, so an instance frozen or reclaimed right then loses nothing.
 *
 * @example
 * const response = await handleHttp({ event, context, deps });
 */
export async function handleHttp({
  event,
  context,
  deps,
}: {
  event: HttpEvent;
  context: FcContext;
  deps: HandlerDeps;
}): Promise<FcHttpResponse> {
  const { config, log } = deps;
  const method = event.requestContext.http.method;
  const path = event.requestContext.http.path;
  try {
    if (path === "/healthz" && (method === "GET" || method === "HEAD"))
      return json(200, { status: "ok" });
    if (method !== "POST")
      return json(405, { error: "MethodNotAllowed", message: "send webhooks with POST" });
    const size = rawBody(event).length;
    if (size > config.bodyLimitBytes) {
      log.warn("body too large", { bytes: size, limit: config.bodyLimitBytes });
      return json(413, {
        error: "PayloadTooLarge",
        message: `body is ${size} bytes; the limit is ${config.bodyLimitBytes}`,
      });
    }
    const delivery = readDelivery({ event, config });
    switch (delivery.kind) {
      case "unauthorized":
        log.warn("webhook rejected", {
          reason: delivery.reason,
          sourceIp: event.requestContext.http.sourceIp,
        });
        return json(401, { error: "Unauthorized", message: delivery.reason });
      case "invalid":
        log.warn("webhook body invalid", {
          provider: delivery.provider,
          message: delivery.error.message,
        });
        return json(400, {
          error: "InvalidBody",
          message: delivery.error.message,
          issues: delivery.error.issues,
        });
      case "ping":
        return json(202, { status: "pong", provider: delivery.provider });
      case "ignored":
        log.info("webhook ignored", { provider: delivery.provider, reason: delivery.reason });
        return json(202, { status: "ignored", reason: delivery.reason });
      case "push":
        break;
    }
    let pending = deps.deliveries.get(delivery.deliveryKey);
    if (!pending) {
      // Deferred a tick, so the delivery is remembered before a failure can forget it.
      pending = Promise.resolve().then(() => enqueuePush({ push: delivery, context, deps }));
      remember(deps.deliveries, delivery.deliveryKey, pending);
    }
    const deadline = new Promise<PushResult>((resolve) => {
      const timer = setTimeout(
        () =>
          resolve({
            statusCode: 503,
            body: {
              status: "failed",
              ...pushFields(delivery),
              error: `could not hand the push to Function Compute within ${config.httpDeadlineMs} ms; redeliver it`,
            },
          }),
        config.httpDeadlineMs,
      );
      pending.finally(() => clearTimeout(timer));
    });
    const result = await Promise.race([pending, deadline]);
    return json(result.statusCode, result.body);
  } catch (error) {
    log.error("http handler failed", {
      message: error instanceof Error ? error.message : String(error),
    });
    return json(500, { error: "InternalError", message: "the function failed; see its logs" });
  }
}

// Verified pushes are durable once FC has their job records: the answer waits for that, never for PAI.
async function enqueuePush({
  push: delivered,
  context,
  deps,
}: {
  push: PushDelivery;
  context: FcContext;
  deps: HandlerDeps;
}): Promise<PushResult> {
  const log = deps.log.child({
    delivery: delivered.deliveryKey,
    repository: delivered.repository,
    commit: delivered.after,
  });
  let push = delivered;
  try {
    // Codeup's payload lists no files: they come from its compare API, before anything is enqueued.
    push = await completePush({ push: delivered, config: deps.config });
  } catch (error) {
    return failedPush({ error, push, log, deps });
  }
  if (push.build.length === 0) {
    log.info("push has no spec to build", { removed: push.removed });
    const results: SpecOutcome[] = push.removed.map((file) => ({
      file,
      status: "removed",
      reason: "removed in this push; nothing built",
    }));
    return { statusCode: 202, body: { status: "processed", ...pushFields(push), results } };
  }
  const records = pushRecords({ push, acceptedAt: deps.now() });
  let invoker: RecordInvoker | undefined;
  try {
    invoker = await deps.invokerFor(context);
    const enqueued = await Promise.all(records.map((record) => invoker?.enqueue(record)));
    const duplicate = enqueued.every((answer) => answer?.duplicate);
    log.info("push accepted", {
      records: records.length,
      specs: push.build.length,
      duplicate,
      files: push.build,
    });
    return {
      statusCode: 202,
      body: {
        status: "accepted",
        delivery: push.deliveryKey,
        commit: push.after,
        records: records.length,
        specs: push.build.length,
        duplicate,
        note: duplicate
          ? "already accepted: Function Compute has this delivery's job records"
          : "handed to the build worker; results are reported as builds are submitted and finish",
      },
    };
  } catch (error) {
    const retryable = isRetryableError(error);
    const message = error instanceof Error ? error.message : String(error);
    log.error("push could not be enqueued", { message, retryable });
    // Forget the failure so a redelivery tries again.
    deps.deliveries.delete(push.deliveryKey);
    return {
      statusCode: retryable ? 503 : 422,
      body: { status: "failed", ...pushFields(push), error: message },
    };
  } finally {
    await invoker?.close?.();
  }
}

/**
 * 503 when a redelivery can help; otherwise 422 with one `error` result per announced spec (a
 * source that cannot be read is an error for each of them, never a skip), reported on the commit.
 */
async function failedPush({
  error,
  push,
  log,
  deps,
}: {
  error: unknown;
  push: PushDelivery;
  log: HandlerDeps["log"];
  deps: HandlerDeps;
}): Promise<PushResult> {
  const retryable = isRetryableError(error);
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  log.error("push failed", { message, code, retryable });
  // Forget the failure so a redelivery tries again.
  deps.deliveries.delete(push.deliveryKey);
  if (retryable) {
    return { statusCode: 503, body: { status: "failed", ...pushFields(push), error: message } };
  }
  const results: SpecResult[] = push.build.map((file) => ({
    file,
    status: "error",
    code: typeof code === "string" ? code : "FAILED",
    reason: message,
  }));
  if (results.length > 0) {
    await deps.reporter.reportSubmitted({
      trigger: {
        kind: "push",
        provider: push.provider,
        repository: push.repository,
        branch: push.branch,
        commit: push.after,
        deliveryKey: push.deliveryKey,
      },
      results,
    });
  }
  return {
    statusCode: 422,
    body: { status: "failed", ...pushFields(push), error: message, results },
  };
}

function pushFields(push: PushDelivery) {
  return {
    delivery: push.deliveryKey,
    repository: push.repository,
    branch: push.branch,
    commit: push.after,
    truncated: push.truncated,
  };
}

function remember(
  deliveries: Map<string, Promise<PushResult>>,
  key: string,
  pending: Promise<PushResult>,
): void {
  deliveries.set(key, pending);
  if (deliveries.size > DELIVERY_MEMORY) {
    const oldest = deliveries.keys().next().value;
    if (oldest !== undefined) deliveries.delete(oldest);
  }
}

function json(statusCode: number, body: WebhookAnswer): FcHttpResponse {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}
