/** What the event handlers share: settings, logger, environment, a PAI client per invocation, a clock. */
import type { PaiClientLike } from "@imagebuild/core";
import type { DlcJob, JobRecord, SpecResult, WebhookAnswer } from "@imagebuild/schema";
import type { TriggerConfig } from "./config.ts";
import type { Logger } from "./logger.ts";
import type { Reporter } from "./report/create-reporter.ts";

/** The Function Compute context fields the function reads. */
export interface FcContext {
  requestId?: string | undefined;
  region?: string | undefined;
  accountId?: string | undefined;
  function?: { name?: string | undefined } | undefined;
  credentials?:
    | { accessKeyId?: string; accessKeySecret?: string; securityToken?: string }
    | null
    | undefined;
}

/** A PAI client the handler can close when its work is done; `getJob` lets the worker follow builds. */
export type TriggerClient = PaiClientLike & {
  getJob?(jobId: string): Promise<DlcJob>;
  close?(): Promise<void>;
};

/** Hands job records to asynchronous invocations of this function (FC InvokeFunction, Async). */
export interface RecordInvoker {
  /** `duplicate`: FC already had the record's task id (a redelivery); nothing new was enqueued. */
  enqueue(record: JobRecord): Promise<{ duplicate: boolean }>;
  close?(): Promise<void>;
}

/**
 * What the worker learnt about a record's specs: `dispatched` (submitted, skipped, invalid,
 * failed), `followed` (jobs that reached a terminal status, `finalStatus` set) or `gave-up` (the
 * follow limit passed; `note` says after how long). The reporter (commit statuses, chat) plugs in here.
 */
export interface RecordOutcomes {
  phase: "dispatched" | "followed" | "gave-up";
  record: JobRecord;
  results: SpecResult[];
  note?: string;
}

/**
 * Dependencies of the handlers; tests pass their own client factory and clock.
 *
 * @example
 * const deps: HandlerDeps = { config, log, env: process.env, clientFor: () => client, now: () => new Date(), reporter, deliveries: new Map() };
 */
export interface HandlerDeps {
  config: TriggerConfig;
  log: Logger;
  env: Readonly<Record<string, string | undefined>>;
  clientFor(context: FcContext): TriggerClient | Promise<TriggerClient>;
  /** The invoker of this function's own async invocations (FC InvokeFunction). */
  invokerFor(context: FcContext): RecordInvoker | Promise<RecordInvoker>;
  /** Called with every record's outcomes (dispatch and follow), once per invocation; never fatal. */
  onOutcomes(outcomes: RecordOutcomes): void | Promise<void>;
  now(): Date;
  /** Commit statuses and chat digests (`report/create-reporter.ts`). */
  reporter: Reporter;
  /** Webhook deliveries this instance has seen (key → outcome), so concurrent redeliveries share one dispatch. */
  deliveries: Map<string, Promise<{ statusCode: number; body: WebhookAnswer }>>;
}
