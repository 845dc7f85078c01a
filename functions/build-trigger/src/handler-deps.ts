/** What the event handlers share: settings, logger, environment, a PAI client per invocation, a clock. */
import type { PaiClientLike } from "@imagebuild/core";
import type { WebhookAnswer } from "@imagebuild/schema";
import type { TriggerConfig } from "./config.ts";
import type { Logger } from "./logger.ts";
import type { Reporter } from "./report/create-reporter.ts";

/** The Function Compute context fields the function reads. */
export interface FcContext {
  requestId?: string | undefined;
  region?: string | undefined;
  accountId?: string | undefined;
  credentials?:
    | { accessKeyId?: string; accessKeySecret?: string; securityToken?: string }
    | null
    | undefined;
}

/** A PAI client the handler can close when its work is done. */
export type TriggerClient = PaiClientLike & { close?(): Promise<void> };

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
  now(): Date;
  /** Commit statuses and chat digests (`report/create-reporter.ts`). */
  reporter: Reporter;
  /** Webhook deliveries this instance has seen (key → outcome), so concurrent redeliveries share one dispatch. */
  deliveries: Map<string, Promise<{ statusCode: number; body: WebhookAnswer }>>;
}
