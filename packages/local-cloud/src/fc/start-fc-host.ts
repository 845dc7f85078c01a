/** The local Function Compute: one function from s.yaml, run from its deployed code, behind its HTTP, OSS and timer triggers. */
import type { FcOssEvent, FcTimerEvent } from "@imagebuild/schema";
import { ensureFunctionCode } from "./ensure-function-code.ts";
import type { FcInvocationContext } from "./fc-invoke.ts";
import { type HttpTriggerServer, startHttpTriggerServer } from "./http-trigger-server.ts";
import { type OssTriggerSpec, ossTriggersOf } from "./oss-triggers-of.ts";
import { readSYamlFunction, type SYamlFunction } from "./read-s-yaml-function.ts";
import { startFunctionProcess } from "./start-function-process.ts";
import { startTimers, timerTriggersOf } from "./timer-triggers.ts";

/** The account id local events and contexts carry. */
export const LOCAL_ACCOUNT_ID = "000000000000000";

/** Which trigger an invocation came through. */
export type TriggerKind = "http" | "oss" | "timer";

/** A running local FC host. */
export interface FcHost {
  fn: SYamlFunction;
  /** The HTTP trigger's URL. */
  url: string;
  /** The OSS triggers of s.yaml (bucket watchers call `invokeAsync` with their events). */
  ossTriggers: OssTriggerSpec[];
  /**
   * An asynchronous invocation (OSS and timer triggers). Resolves with what the function returned,
   * or `undefined` when it threw (reported through `out`; FC would retry it).
   */
  invokeAsync(
    kind: Exclude<TriggerKind, "http">,
    event: FcOssEvent | FcTimerEvent,
  ): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Reads the fc3 function of `sYamlPath` with `${env(...)}` taken from `sEnv` (as `s deploy`
 * renders it), builds its code if missing or stale (s.yaml's pre-deploy), and runs it in its own
 * process with exactly its `environmentVariables` plus `endpoints` (the only local differences:
 * where PAI, the git provider API and OSS are). Serves the HTTP trigger on `port`; with `timers`,
 * fires s.yaml's enabled timer triggers on their cron.
 *
 * FC's async invocation API (`POST /2023-03-30/functions/{name}/invocations` with
 * `x-fc-invocation-type: Async`) goes beside the HTTP trigger: an API server whose route enqueues
 * the event and calls `invokeAsync` (with s.yaml's `asyncInvokeConfig` retries) is the next step.
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
}): Promise<FcHost> {
  const fn = readSYamlFunction({ sYamlPath, env: sEnv });
  const codeFile = ensureFunctionCode({ fn, out });
  const exportName = fn.handler.slice(fn.handler.lastIndexOf(".") + 1);
  const instance = startFunctionProcess({
    codeFile,
    exportName,
    env: { ...runtimeEnv(fn), ...fn.environmentVariables, ...endpoints },
    onLog,
  });
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
  });
  let trigger: HttpTriggerServer | undefined;
  try {
    trigger = await startHttpTriggerServer({
      invoke: (event, { requestId }) => instance.invoke(event, context(requestId)),
      port,
      onRequest: (line, result) => {
        out(`http  ${line}`);
        onAnswer("http", result);
      },
    });
  } catch (error) {
    await instance.close();
    throw error;
  }
  const invokeAsync: FcHost["invokeAsync"] = async (kind, event) => {
    try {
      const answer = await instance.invoke(
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
    ossTriggers: ossTriggersOf(fn.triggers),
    invokeAsync,
    async close() {
      stopTimers();
      await http.close();
      await instance.close();
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
