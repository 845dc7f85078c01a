/** The Function Compute entry: recognise the event, route it, and map errors to FC's retry semantics. */
import type { FcHttpResponse, InvocationAnswer } from "@imagebuild/schema";
import { configSecrets, loadConfig } from "./config.ts";
import type {
  FcContext,
  HandlerDeps,
  RecordInvoker,
  RecordOutcomes,
  TriggerClient,
} from "./handler-deps.ts";
import { createLogger, type Logger } from "./logger.ts";
import { recognizeEvent } from "./recognize-event.ts";
import { lazyReporter } from "./report/lazy-reporter.ts";

/** The handler signature Function Compute calls for Node.js 20 (`event` is a Buffer). */
export type FcHandler = (
  event: unknown,
  context?: FcContext,
) => Promise<FcHttpResponse | InvocationAnswer>;

/**
 * Builds the handler. Settings come from `env` (parsed once); the PAI client is made per invocation
 * from the context's STS credentials (or the environment's, or none for the local service).
 * HTTP events always get a response; an async event throws only when Function Compute should retry.
 *
 * @example
 * export const handler = createHandler({ env: process.env });
 */
export function createHandler({
  env = process.env,
  clientFor,
  invokerFor,
  onOutcomes,
  log,
  now = () => new Date(),
}: {
  env?: Readonly<Record<string, string | undefined>>;
  clientFor?: HandlerDeps["clientFor"];
  /** How job records reach the worker; default: FC InvokeFunction on this function (Async). */
  invokerFor?: HandlerDeps["invokerFor"];
  /** The reporter's hook: every record's dispatch and follow outcomes (default: a log line). */
  onOutcomes?: HandlerDeps["onOutcomes"];
  log?: Logger;
  now?: () => Date;
} = {}): FcHandler {
  let deps: HandlerDeps | undefined;
  const init = (): HandlerDeps => {
    if (deps) return deps;
    const config = loadConfig(env);
    const logger = log ?? createLogger({ secrets: configSecrets(config, env) });
    deps = {
      config,
      log: logger,
      env,
      // Built on the first report: the HTTP intake and /healthz never load statuses or chat.
      reporter: lazyReporter(async () =>
        (await import("./report/create-reporter.ts")).createReporter({ config, log: logger }),
      ),
      clientFor: clientFor ?? ((context) => defaultClient(context, env)),
      invokerFor: invokerFor ?? ((context) => defaultInvoker(context, env)),
      onOutcomes: onOutcomes ?? ((outcomes) => logOutcomes(logger, outcomes)),
      now,
      deliveries: new Map(),
    };
    return deps;
  };

  return async (raw, context = {}) => {
    let ready: HandlerDeps;
    let recognized: ReturnType<typeof recognizeEvent>;
    try {
      ready = init();
      recognized = recognizeEvent(raw);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      (log ?? createLogger()).error("event rejected", { message, requestId: context.requestId });
      // Retrying a malformed event or bad settings cannot help: answer (HTTP) or return (async).
      return looksLikeHttp(raw)
        ? {
            statusCode: 400,
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ error: "InvalidEvent", message }),
          }
        : { status: "rejected", error: message };
    }
    // The role's STS pair arrives per invocation, so the default logger learns it per invocation.
    const stsSecrets = [context.credentials?.accessKeySecret, context.credentials?.securityToken];
    const invocationLog =
      log === undefined && stsSecrets.some(Boolean)
        ? createLogger({
            secrets: [
              ...configSecrets(ready.config, env),
              ...stsSecrets.filter((secret): secret is string => Boolean(secret)),
            ],
          })
        : ready.log;
    const scoped = {
      ...ready,
      log: invocationLog.child({ requestId: context.requestId, trigger: recognized.source }),
    };
    if (recognized.source === "http") {
      const { handleHttp } = await import("./handle-http.ts");
      return handleHttp({ event: recognized.event, context, deps: scoped });
    }
    try {
      if (recognized.source === "record") {
        const { handleRecord } = await import("./handle-record.ts");
        return await handleRecord({ record: recognized.event, context, deps: scoped });
      }
      const answer =
        recognized.source === "oss"
          ? await (await import("./handle-oss.ts")).handleOss({
              event: recognized.event,
              context,
              deps: scoped,
            })
          : await (await import("./handle-timer.ts")).handleTimer({
              event: recognized.event,
              context,
              deps: scoped,
            });
      // OSS and timer events have no commit: their report is the chat digest. Reached only when
      // the handler did not throw, so FC's retries of a retryable failure post it once.
      await scoped.reporter.reportSubmitted({
        trigger: {
          kind: recognized.source,
          label:
            "slot" in answer ? `tick ${answer.slot}` : answer.results.map((r) => r.file).join(", "),
          deliveryKey: `${recognized.source}:${context.requestId ?? JSON.stringify(answer.results.map((r) => r.file))}`,
        },
        results: answer.results,
      });
      return { status: "processed", ...answer };
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      if (code === "BUILD_RETRYABLE") {
        scoped.log.warn("retryable failure; Function Compute will retry", { message });
        throw error;
      }
      scoped.log.error("event failed", { code, message });
      return {
        status: "failed",
        error: { code: code ?? "FAILED", message: message ?? String(error) },
      };
    }
  };
}

// Loaded on the first event that needs PAI, so /healthz and rejected webhooks never load the client.
async function defaultClient(
  context: FcContext,
  env: Readonly<Record<string, string | undefined>>,
): Promise<TriggerClient> {
  const { createPaiClient, resolveCredentials } = await import("@imagebuild/pai-client");
  return createPaiClient({
    credentials: resolveCredentials({ context, env }),
    env,
    ...(context.region ? { region: context.region } : {}),
  });
}

// The function invokes itself: its own name and region endpoint, signed with the invocation's STS pair.
async function defaultInvoker(
  context: FcContext,
  env: Readonly<Record<string, string | undefined>>,
): Promise<RecordInvoker> {
  const [{ createFcInvoker, resolveFcEndpoint }, { resolveCredentials }, { asyncTaskId }] =
    await Promise.all([
      import("@imagebuild/pai-client/fc-invoker"),
      import("@imagebuild/pai-client/credentials"),
      import("./events/job-record.ts"),
    ]);
  const functionName = context.function?.name ?? env.FC_FUNCTION_NAME;
  if (!functionName) throw new Error("no function name in the FC context or FC_FUNCTION_NAME");
  const fc = createFcInvoker({
    endpoint: resolveFcEndpoint({ accountId: context.accountId, region: context.region, env }),
    credentials: resolveCredentials({ context, env }),
  });
  return {
    async enqueue(record) {
      const result = await fc.invoke({
        functionName,
        payload: JSON.stringify(record),
        asyncTaskId: asyncTaskId(record),
      });
      return { duplicate: result.duplicate };
    },
    close: () => fc.close(),
  };
}

function logOutcomes(log: Logger, { phase, record, results, note }: RecordOutcomes): void {
  log.info(`record ${phase}`, {
    delivery: record.delivery,
    part: record.part,
    results: results.map((result) =>
      "finalStatus" in result && result.finalStatus
        ? `${result.file}: ${result.finalStatus}`
        : `${result.file}: ${result.status}`,
    ),
    ...(note ? { note } : {}),
  });
}

function looksLikeHttp(raw: unknown): boolean {
  const text =
    Buffer.isBuffer(raw) || typeof raw === "string" ? raw.toString() : JSON.stringify(raw ?? null);
  return text.includes('"requestContext"');
}
