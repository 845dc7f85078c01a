/** Runs a function's code in its own Node process with only its configured environment, as an FC instance does. */
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type FcInvocationContext, FunctionInvocationError } from "./fc-invoke.ts";

const RUNTIME = fileURLToPath(new URL("./fc-runtime.mjs", import.meta.url));
const STOP_GRACE_MS = 2000;

/** A running function instance. */
export interface FunctionProcess {
  /** Calls the handler with `event`; rejects with `FunctionInvocationError` when it throws. */
  invoke(event: Buffer, context: FcInvocationContext): Promise<unknown>;
  /** True once the process has exited (FC would start a new instance). */
  readonly exited: boolean;
  /** Kills the process at once (SIGKILL), as FC reclaims a frozen instance. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

type Answer = {
  id: string;
  result?: unknown;
  error?: { errorType: string; errorMessage: string; stackTrace: string[] };
};

/**
 * Forks a Node process that imports `codeFile` and calls its `exportName` per invocation. The
 * process sees `env` and nothing of the caller's environment (FC gives a function only its
 * configured variables and its runtime's); each line it prints goes to `onLog`.
 *
 * @example
 * const fn = startFunctionProcess({ codeFile: "dist/index.mjs", exportName: "handler", env, onLog: console.log });
 * await fn.invoke(Buffer.from(JSON.stringify(event)), { requestId: "1" });
 */
export function startFunctionProcess({
  codeFile,
  exportName,
  env,
  onLog = () => {},
}: {
  codeFile: string;
  exportName: string;
  env: Record<string, string>;
  onLog?: (line: string) => void;
}): FunctionProcess {
  const child = fork(RUNTIME, [codeFile, exportName], {
    env,
    execArgv: [],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  for (const stream of [child.stdout, child.stderr])
    if (stream) createInterface({ input: stream }).on("line", onLog);
  const pending = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
  let exited: Error | undefined;
  child.on("message", (message: Answer) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error) waiting.reject(new FunctionInvocationError(message.error));
    else waiting.resolve(message.result);
  });
  child.on("exit", (code, signal) => {
    exited = new FunctionInvocationError({
      errorType: "ProcessExited",
      errorMessage: `Process exited unexpectedly before completing request (code ${code}, signal ${signal})`,
    });
    for (const waiting of pending.values()) waiting.reject(exited);
    pending.clear();
  });
  return {
    get exited() {
      return exited !== undefined;
    },
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
    invoke(event, context) {
      if (exited) return Promise.reject(exited);
      const id = randomUUID();
      return new Promise((resolve, reject) => {
        // A killed process can be gone before its exit event: the send fails, the call too.
        const gone = () =>
          new FunctionInvocationError({
            errorType: "ProcessExited",
            errorMessage: "Process exited unexpectedly before completing request",
          });
        if (!child.connected) return reject(gone());
        pending.set(id, { resolve, reject });
        child.send({ id, event: event.toString("base64"), context }, (error) => {
          if (!error || !pending.has(id)) return;
          pending.delete(id);
          reject(gone());
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      }),
  };
}
