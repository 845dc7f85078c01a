/** Fires the timer triggers declared in s.yaml on their 6-field cron, with FC's timer event shape. */
import { Cron } from "croner";
import type { FcTimerEvent } from "@imagebuild/schema";
import { z } from "zod";

const TimerTrigger = z.object({
  triggerName: z.string(),
  triggerType: z.literal("timer"),
  triggerConfig: z.object({
    cronExpression: z.string(),
    enable: z.boolean(),
    payload: z.string().optional(),
  }),
});

/** One timer trigger of s.yaml. */
export interface TimerTriggerSpec {
  name: string;
  cron: string;
  enable: boolean;
  payload: string | undefined;
}

/**
 * The timer triggers among a function's `triggers` (s.yaml `props.triggers`, variables resolved).
 *
 * @example
 * timerTriggersOf(fn.triggers) // [{ name: "scheduled-rebuilds", cron: "0 0 * * * *", … }]
 */
export function timerTriggersOf(triggers: readonly unknown[]): TimerTriggerSpec[] {
  const found: TimerTriggerSpec[] = [];
  for (const trigger of triggers) {
    const parsed = TimerTrigger.safeParse(trigger);
    if (!parsed.success) continue;
    const { triggerName, triggerConfig } = parsed.data;
    found.push({
      name: triggerName,
      cron: triggerConfig.cronExpression,
      enable: triggerConfig.enable,
      payload: triggerConfig.payload,
    });
  }
  return found;
}

/**
 * Schedules each enabled trigger (UTC, or the `CRON_TZ=` zone) and calls `onEvent` with
 * `{ triggerTime, triggerName, payload }` at each tick. Returns a function that stops them.
 *
 * @example
 * const stop = startTimers({ triggers, onEvent: (event) => handler(Buffer.from(JSON.stringify(event)), {}) });
 */
export function startTimers({
  triggers,
  onEvent,
}: {
  triggers: readonly TimerTriggerSpec[];
  onEvent: (event: FcTimerEvent) => Promise<void>;
}): () => void {
  const jobs = triggers
    .filter((trigger) => trigger.enable)
    .map((trigger) => {
      const { pattern, timezone } = splitTimezone(trigger.cron);
      return new Cron(pattern, { timezone, protect: true }, async (job: Cron) => {
        const at = job.currentRun() ?? new Date();
        await onEvent({
          triggerTime: at.toISOString().replace(/\.\d{3}Z$/, "Z"),
          triggerName: trigger.name,
          ...(trigger.payload === undefined ? {} : { payload: trigger.payload }),
        });
      });
    });
  return () => {
    for (const job of jobs) job.stop();
  };
}

/** `CRON_TZ=Asia/Shanghai 0 0 4 * * *` → the zone and the pattern; FC's timers run in UTC otherwise. */
function splitTimezone(cron: string): { pattern: string; timezone: string } {
  const match = /^CRON_TZ=(\S+)\s+(.*)$/.exec(cron.trim());
  return match
    ? { timezone: match[1] ?? "UTC", pattern: match[2] ?? "" }
    : { timezone: "UTC", pattern: cron.trim() };
}
