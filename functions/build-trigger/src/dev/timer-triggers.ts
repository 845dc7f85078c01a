/** Fires the timer triggers declared in s.yaml on their 6-field cron, with FC's timer event shape. */
import { Cron } from "croner";
import { splitTimezone } from "../schedule-slot.ts";
import type { FcTimerEvent } from "@imagebuild/schema";
import { parse } from "yaml";
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
 * Reads the timer triggers of every fc3 resource in an s.yaml text.
 *
 * @example
 * timerTriggersFromSYaml(readFileSync("s.yaml", "utf8")) // [{ name: "scheduled-rebuilds", cron: "0 0 * * * *", … }]
 */
export function timerTriggersFromSYaml(text: string): TimerTriggerSpec[] {
  const doc = parse(text) as { resources?: Record<string, { props?: { triggers?: unknown[] } }> };
  const found: TimerTriggerSpec[] = [];
  for (const resource of Object.values(doc.resources ?? {})) {
    for (const trigger of resource.props?.triggers ?? []) {
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
