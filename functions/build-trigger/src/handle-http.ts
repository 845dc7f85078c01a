/** HTTP-trigger events: health check, webhook verification, and a 202 with one result per spec. */
import { buildSpecs, CONTENT_SLOT, type SpecOutcome } from "@imagebuild/core";
import { isRetryableError } from "@imagebuild/pai-client/retry-policy";
import type { FcHttpResponse, SpecResult, WebhookAnswer } from "@imagebuild/schema";
import { type HttpEvent, rawBody } from "./events/http.ts";
import type { FcContext, HandlerDeps, TriggerClient } from "./handler-deps.ts";
import { completePush, pushSource } from "./push-source.ts";
import { type PushDelivery, readDelivery } from "./webhooks/read-delivery.ts";

const DELIVERY_MEMORY = 500;

/** The outcome of one push delivery, shared by every redelivery seen by this instance. */
export type PushResult = { statusCode: number; body: WebhookAnswer };

/**
 * Answers an HTTP-trigger event. Never throws: every path returns a status (GitHub waits 10 s; a
 * dispatch still running at the deadline is answered 202 `accepted` and goes on).
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
      pending = Promise.resolve().then(() => runPush({ push: delivery, context, deps }));
      remember(deps.deliveries, delivery.deliveryKey, pending);
    }
    const deadline = new Promise<PushResult>((resolve) => {
      const timer = setTimeout(
        () =>
          resolve({
            statusCode: 202,
            body: {
              status: "accepted",
              delivery: delivery.deliveryKey,
              commit: delivery.after,
              note: "still dispatching; results are logged",
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

// The one place a push is reported: statuses per spec on the pushed commit, and the chat digest.
async function runPush(input: {
  push: PushDelivery;
  context: FcContext;
  deps: HandlerDeps;
}): Promise<PushResult> {
  const result = await dispatchPush(input);
  const { push, deps } = input;
  const results = "results" in result.body ? (result.body.results ?? []) : [];
  if (results.length > 0)
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
  return result;
}

async function dispatchPush({
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
  const removed: SpecOutcome[] = [];
  const base = {
    status: "processed" as const,
    delivery: push.deliveryKey,
    repository: push.repository,
    branch: push.branch,
    commit: push.after,
    truncated: push.truncated,
  };
  let client: TriggerClient | undefined;
  try {
    push = await completePush({ push: delivered, config: deps.config });
    removed.push(...removedOutcomes(push));
  } catch (error) {
    return failedPush({ error, push, base, log, deps });
  }
  if (push.build.length === 0) {
    log.info("push has no spec to build", { removed: push.removed });
    return { statusCode: 202, body: { ...base, results: removed } };
  }
  try {
    client = await deps.clientFor(context);
    const outcomes = await buildSpecs({
      source: pushSource({ push, config: deps.config }),
      paths: push.build,
      slotFor: () => ({ slot: CONTENT_SLOT }),
      context: { client, config: deps.config, log, env: deps.env },
    });
    return { statusCode: 202, body: { ...base, results: [...outcomes, ...removed] } };
  } catch (error) {
    return failedPush({ error, push, base, log, deps });
  } finally {
    await client?.close?.();
  }
}

/**
 * 503 when a redelivery can help; otherwise 422 with one `error` result per announced spec (a
 * source that cannot be read is an error for each of them, never a skip).
 */
function failedPush({
  error,
  push,
  base,
  log,
  deps,
}: {
  error: unknown;
  push: PushDelivery;
  base: Omit<Extract<WebhookAnswer, { status: "processed" }>, "results">;
  log: HandlerDeps["log"];
  deps: HandlerDeps;
}): PushResult {
  const retryable = isRetryableError(error);
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  log.error("push failed", { message, code, retryable });
  // Forget the failure so a redelivery tries again.
  deps.deliveries.delete(push.deliveryKey);
  const results: SpecResult[] = push.build.map((file) => ({
    file,
    status: "error",
    code: typeof code === "string" ? code : "FAILED",
    reason: message,
  }));
  return {
    statusCode: retryable ? 503 : 422,
    body: { ...base, status: "failed", error: message, ...(retryable ? {} : { results }) },
  };
}

function removedOutcomes(push: PushDelivery): SpecOutcome[] {
  return push.removed.map((file) => ({
    file,
    status: "removed",
    reason: "removed in this push; nothing built",
  }));
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
