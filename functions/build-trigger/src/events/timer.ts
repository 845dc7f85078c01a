/** The Function Compute timer-trigger event and the payload that selects which specs to rebuild. */
import { type FcTimerEvent, SchemaValidationError, validators } from "@imagebuild/schema";
import { z } from "zod";

/**
 * Parses a timer-trigger event (`{ triggerTime, triggerName, payload }`).
 *
 * @example
 * TimerEventSchema.parse({ triggerTime: "2026-01-02T04:00:00Z", triggerName: "nightly" });
 */
export const TimerEventSchema = validators.FcTimerEvent;

/** A timer event after parsing. */
export type TimerEvent = FcTimerEvent;

/**
 * The timer payload (a JSON string in s.yaml): `scheduled` rebuilds every spec with a schedule
 * whose slot this tick is; `glob` rebuilds the specs whose path matches, on `schedule` (the cron of
 * the trigger, used to compute the slot); `base-change` rebuilds the `policy.rebuild: on-base-change`
 * specs whose base images have new digests.
 *
 * @example
 * TimerPayloadSchema.parse({ select: "glob", glob: "specs/debian-*\/*.yaml", schedule: "0 0 4 * * 1" });
 */
export const TimerPayloadSchema = z
  .object({
    select: z.enum(["scheduled", "glob", "base-change"]).default("scheduled"),
    glob: z.string().min(1).optional(),
    schedule: z.string().min(1).optional(),
  })
  .strict()
  .refine((payload) => payload.select !== "glob" || payload.glob !== undefined, {
    message: "glob is required when select is glob",
    path: ["glob"],
  });

/** The parsed timer payload. */
export type TimerPayload = z.infer<typeof TimerPayloadSchema>;

/**
 * Parses the verbatim payload string; an absent or empty payload means `{ select: "scheduled" }`.
 * Throws `SchemaValidationError` naming `payload.<field>`.
 *
 * @example
 * parseTimerPayload('{"select":"glob","glob":"specs/busybox-*\/*.yaml","schedule":"0 0 4 * * *"}')
 */
export function parseTimerPayload(payload: string | undefined): TimerPayload {
  const text = payload?.trim() ?? "";
  let json: unknown = {};
  if (text !== "") {
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new SchemaValidationError({
        schema: "TimerPayload",
        source: "event",
        issues: [{ path: ["payload"], code: "invalid", message: `is not JSON: ${String(cause)}` }],
      });
    }
  }
  const result = TimerPayloadSchema.safeParse(json);
  if (result.success) return result.data;
  throw new SchemaValidationError({
    schema: "TimerPayload",
    source: "event",
    issues: result.error.issues.map((issue) => ({
      path: ["payload", ...issue.path.map(String)],
      code: "invalid",
      message: issue.message,
    })),
  });
}
