/** The local Function Compute: one function from s.yaml, run from its deployed code, behind its HTTP, OSS and timer triggers. */
import type { FcOssEvent, FcTimerEvent } from "@imagebuild/schema";
import { type AsyncTask, createAsyncInvocations } from "./async-invocations.ts";
import { ensureFunctionCode } from "./ensure-function-code.ts";
import { type FcApiServer, startFcApiServer } from "./fc-api-server.ts";
import type { FcInvocationContext } from "./fc-invoke.ts";
import { type HttpTriggerServer, startHttpTriggerServer } from "./http-trigger-server.ts";
import { type OssTriggerSpec, ossTriggersOf } from "./oss-triggers-of.ts";
import { readSYamlFunction, type SYamlFunction } from "./read-s-yaml-function.ts";
import { type FunctionProcess, startFunctionProcess } from "./start-function-process.ts";
import { startTimers, timerTriggersOf } from "./timer-triggers.ts";

/** The account id local events and contexts carry. */
export const LOCAL_ACCOUNT_ID = "000000000000000";

/** Which trigger an invocation came through; `invoke` is an InvokeFunction call (the function's own job records). */
export type TriggerKind = "http" | "oss" | "timer" | "invoke";

/** The variable the host sets to its InvokeFunction API, as production's endpoint setting. */
export const FC_ENDPOINT_VARIABLE = "IMAGEBUILD_FC_ENDPOINT";

/** A running local FC host. */
export interface FcHost {
  fn: SYamlFunction;
  /** The HTTP trigger's URL. */
  url: string;
  /** The InvokeFunction API (`IMAGEBUILD_FC_ENDPOINT` inside the function). */
  apiUrl: string;
  /** Async tasks enqueued through the API, by task id. */
  asyncTasks: Map<string, AsyncTask>;
  /** Resolves when no async task is queued or running. */
  asyncIdle(): Promise<void>;
  /** Kills the function's instance at once; the next invocation starts a new one (FC reclaiming an instance). */
  killInstance(): Promise<void>;
  /** The OSS triggers of s.yaml (bucket watchers call `invokeAsync` with their events). */
  ossTriggers: OssTriggerSpec[];
  /**
   * An asynchronous invocation (OSS and timer triggers). Resolves with what the function returned,
   * or `undefined` when it threw (reported through `out`; FC would retry it).
   */
  invokeAsync(kind: "oss" | "timer", event: FcOssEvent | FcTimerEvent): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Reads the fc3 function of `sYamlPath` with `${env(...)}` taken from `sEnv` (as `s deploy`
 * renders it), builds its code if missing or stale (s.yaml's pre-deploy), and runs it in its own
 * process with exactly its `environmentVariables` plus `endpoints` (the only local differences:
 * where PAI, the git provider API and OSS are). Serves the HTTP trigger on `port`; with `timers`,
 * fires s.yaml's enabled timer triggers on their cron.
 *
 * FC's InvokeFunction API (`POST /2023-03-30/functions/{name}/invocations`) runs beside the HTTP
 * trigger and is given to the function as `IMAGEBUILD_FC_ENDPOINT`: `x-fc-invocation-type: Async`
 * calls are queued at least once (`duplicateAsync` makes a task arrive twice) and retried per
 * s.yaml's `asyncInvokeConfig.maxAsyncRetryAttempts`. A dead instance is replaced on the next call.
 *
 * @example
 * const host = await startFcHost({ sYamlPath: "s.yaml", sEnv, endpoints: { IMAGEBUILD_ENDPOINT: pai.url }, out: console.log });
 */
export async function startFcHost({
  sYamlPath,
  sEnv,
  endpoints,
  port = 0,
  timers = true,
  out,
  onLog = out,
  onAnswer = () => {},
  duplicateAsync = () => false,
  credentials,
}: {
  sYamlPath: string;
  sEnv: Readonly<Record<string, string | undefined>>;
  endpoints: Record<string, string>;
  port?: number;
  timers?: boolean;
  out: (line: string) => void;
  /** Each line the function prints (its JSON logs). */
  onLog?: (line: string) => void;
  /** What the function returned for each invocation, by trigger. */
  onAnswer?: (kind: TriggerKind, answer: unknown) => void;
  /** Async tasks to deliver twice (tests of at-least-once delivery). */
  duplicateAsync?: (taskId: string) => boolean;
  /** The function role's keys, passed in each invocation's context as FC passes STS credentials. */
  credentials?: FcInvocationContext["credentials"];
}): Promise<FcHost> {
  const fn = readSYamlFunction({ sYamlPath, env: sEnv });
  const codeFile = ensureFunctionCode({ fn, out });
  const exportName = fn.handler.slice(fn.handler.lastIndexOf(".") + 1);
  let instance: FunctionProcess | undefined;
  let instanceEnv: Record<string, string> = {};
  // FC starts a new instance when none is alive; so does the host, after a crash or killInstance().
  let closed = false;
  const live = (): FunctionProcess => {
    if (closed) throw new Error("the FC host is closed");
    if (!instance || instance.exited)
      instance = startFunctionProcess({ codeFile, exportName, env: instanceEnv, onLog });
    return instance;
  };
  const context = (requestId: string): FcInvocationContext => ({
    requestId,
    region: fn.region,
    accountId: LOCAL_ACCOUNT_ID,
    function: {
      name: fn.functionName,
      handler: fn.handler,
      memory: fn.memorySize,
      timeout: fn.timeoutSeconds,
    },
    ...(credentials ? { credentials } : {}),
  });
  const queue = createAsyncInvocations({
    invoke: (payload, requestId) => live().invoke(payload, context(requestId)),
    config: fn.asyncInvokeConfig,
    duplicate: duplicateAsync,
    out,
    onAnswer: (answer) => onAnswer("invoke", answer),
  });
  const api: FcApiServer = await startFcApiServer({
    functionName: fn.functionName,
    enqueueAsync: (payload, taskId) => queue.enqueue(payload, taskId),
    invokeSync: (payload, requestId) => live().invoke(payload, context(requestId)),
  });
  instanceEnv = {
    ...runtimeEnv(fn),
    ...fn.environmentVariables,
    [FC_ENDPOINT_VARIABLE]: api.url,
    ...endpoints,
  };
  live();
  let trigger: HttpTriggerServer | undefined;
  try {
    trigger = await startHttpTriggerServer({
      invoke: (event, { requestId }) => live().invoke(event, context(requestId)),
      port,
      onRequest: (line, result) => {
        out(`http  ${line}`);
        onAnswer("http", result);
      },
    });
  } catch (error) {
    await instance?.close();
    await api.close();
    throw error;
  }
  const invokeAsync: FcHost["invokeAsync"] = async (kind, event) => {
    try {
      const answer = await live().invoke(
        Buffer.from(JSON.stringify(event)),
        context(`dev-${kind}-${Date.now()}`),
      );
      onAnswer(kind, answer);
      return answer;
    } catch (error) {
      // Function Compute would retry this asynchronous invocation; the local host reports it.
      out(
        `${kind.padEnd(5)} failed, FC would retry: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  };
  const stopTimers = timers
    ? startTimers({
        triggers: timerTriggersOf(fn.triggers),
        onEvent: async (event) => {
          out(`timer ${event.triggerName} ${event.triggerTime}`);
          await invokeAsync("timer", event);
        },
      })
    : () => {};
  const http = trigger;
  return {
    fn,
    url: http.url,
    apiUrl: api.url,
    asyncTasks: queue.tasks,
    asyncIdle: () => queue.idle(),
    killInstance: async () => {
      await instance?.kill();
    },
    ossTriggers: ossTriggersOf(fn.triggers),
    invokeAsync,
    async close() {
      closed = true;
      stopTimers();
      await http.close();
      await api.close();
      await instance?.close();
    },
  };
}

/** The variables FC's runtime sets for every function (those the code may read). */
function runtimeEnv(fn: SYamlFunction): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    FC_FUNCTION_NAME: fn.functionName,
    FC_FUNCTION_HANDLER: fn.handler,
    FC_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    FC_REGION: fn.region,
    FC_ACCOUNT_ID: LOCAL_ACCOUNT_ID,
  };
}
