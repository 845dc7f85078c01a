/** Timer-trigger events: rebuild the specs whose schedule slot this tick is, each slot exactly once. */
import {
  type BaseChange,
  buildBaseChanges,
  buildSpecs,
  scheduleSlot,
  type SpecOutcome,
} from "@imagebuild/core";
import { buildTrigger } from "@imagebuild/pai-client/build-trigger";
import { isRetryableError } from "@imagebuild/pai-client/retry-policy";
import { RetryableBuildError, throwIfRetryable } from "./errors.ts";
import { parseTimerPayload, type TimerEvent } from "./events/timer.ts";
import { globToRegExp } from "./glob-to-regexp.ts";
import type { FcContext, HandlerDeps } from "./handler-deps.ts";
import { latestSlot, previousSlot } from "./schedule-slot.ts";
import { timerSource } from "./timer-source.ts";

/**
 * With `select: "scheduled"` (the default) a spec is due when its own `policy.schedule` has a run in
 * (previous tick, this tick] of the trigger's cron; its ClientToken slot is `schedule:<that run>`.
 * With `select: "glob"` every matching spec is due at the trigger's slot. The slot also fixes the
 * date of a `dated` tag, so a tick retried after midnight builds the same tag. With
 * `select: "base-change"` every `policy.rebuild: on-base-change` spec is compared with its bases'
 * registries and the changed ones are rebuilt (core's `buildBaseChanges`); `baseChanges` lists the
 * rebuilt, unchanged and unknown specs.
 *
 * @example
 * await handleTimer({ event: { triggerTime: "2026-01-02T04:00:00Z", triggerName: "nightly" }, context, deps });
 */
export async function handleTimer({
  event,
  context,
  deps,
}: {
  event: TimerEvent;
  context: FcContext;
  deps: HandlerDeps;
}): Promise<{ slot: string; results: SpecOutcome[]; baseChanges?: BaseChangeSummary }> {
  const { config } = deps;
  const payload = parseTimerPayload(event.payload);
  const cron = payload.schedule ?? config.timerSchedule;
  const at = new Date(event.triggerTime);
  const tick = latestSlot({ cron, at }) ?? at;
  const previousTick = previousSlot({ cron, slot: tick }) ?? new Date(0);
  const log = deps.log.child({ trigger: event.triggerName, slot: tick.toISOString() });
  const matcher = payload.glob ? globToRegExp(payload.glob) : undefined;
  const client = await deps.clientFor(context);
  try {
    const trigger = buildTrigger({ kind: "timer", detail: tick.toISOString() });
    if (payload.select === "base-change") {
      const { outcomes, changes } = await buildBaseChanges({
        source: await timerSource({ config, context, env: deps.env }),
        now: tick,
        context: { client, config, log, env: deps.env, trigger },
      });
      throwIfRetryable(outcomes);
      const baseChanges = summarizeBaseChanges(changes, outcomes);
      log.info("base changes compared", baseChanges);
      return { slot: tick.toISOString(), results: outcomes, baseChanges };
    }
    const results = await buildSpecs({
      source: await timerSource({ config, context, env: deps.env }),
      select: (spec) => (matcher ? matcher.test(spec.file) : spec.policy.schedule !== undefined),
      slotFor: (spec) => {
        if (payload.select === "glob") return { slot: scheduleSlot(tick), now: tick };
        const schedule = spec.policy.schedule;
        if (!schedule) return undefined;
        const run = latestSlot({ cron: schedule, at: tick });
        if (!run || run.getTime() <= previousTick.getTime()) return undefined;
        return { slot: scheduleSlot(run), now: run };
      },
      context: {
        client,
        config,
        log,
        env: deps.env,
        trigger,
      },
    });
    throwIfRetryable(results);
    return { slot: tick.toISOString(), results };
  } catch (error) {
    if (error instanceof RetryableBuildError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (isRetryableError(error))
      throw new RetryableBuildError({ message, files: [], cause: error });
    throw error;
  } finally {
    await client.close?.();
  }
}

/**
 * Which `on-base-change` specs a tick rebuilt (a base changed and the build was submitted, or its
 * ClientToken matched the build an earlier tick submitted for the same digests), found unchanged,
 * could not compare (unknown: never built, or no base digests recorded) or failed on.
 */
export type BaseChangeSummary = {
  rebuilt: string[];
  unchanged: string[];
  unknown: string[];
  failed: string[];
};

function summarizeBaseChanges(
  changes: readonly BaseChange[],
  outcomes: readonly SpecOutcome[],
): BaseChangeSummary {
  const submitted = new Set(outcomes.filter((o) => o.status === "submitted").map((o) => o.file));
  const files = (status: BaseChange["status"]) =>
    changes.filter((change) => change.status === status).map((change) => change.file);
  return {
    rebuilt: files("changed").filter((file) => submitted.has(file)),
    unchanged: files("unchanged"),
    unknown: files("unknown"),
    failed: [...files("failed"), ...files("changed").filter((file) => !submitted.has(file))],
  };
}
