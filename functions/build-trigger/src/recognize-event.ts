/** Tells an HTTP-trigger, OSS-trigger and timer-trigger event apart by parsing each against its schema. */
import { type FieldIssue, SchemaValidationError } from "@imagebuild/schema";
import { type HttpEvent, HttpEventSchema } from "./events/http.ts";
import { JOB_RECORD_KIND, type JobRecord, JobRecordSchema } from "./events/job-record.ts";
import { type OssEvent, OssEventSchema } from "./events/oss.ts";
import { type TimerEvent, TimerEventSchema } from "./events/timer.ts";

/** A recognised event. */
export type RecognizedEvent =
  | { source: "http"; event: HttpEvent }
  | { source: "oss"; event: OssEvent }
  | { source: "timer"; event: TimerEvent }
  | { source: "record"; event: JobRecord };

/**
 * Parses the handler's `event` (a Buffer of JSON, as Function Compute passes it; a string or object
 * is accepted too) and returns the first schema it satisfies. Otherwise throws
 * `SchemaValidationError` with the issues of the schema whose marker field the event has
 * (`requestContext`, `events`, `triggerTime`), so the message names the bad field.
 *
 * @example
 * const { source, event } = recognizeEvent(Buffer.from(JSON.stringify(timerEvent))); // source "timer"
 */
export function recognizeEvent(raw: unknown): RecognizedEvent {
  const json = toJson(raw);
  if ((json as { record?: unknown } | null)?.record === JOB_RECORD_KIND)
    return { source: "record", event: JobRecordSchema.parse(json, { source: "job record" }) };
  const http = HttpEventSchema.safeParse(json);
  if (http.ok) return { source: "http", event: http.value };
  const oss = OssEventSchema.safeParse(json);
  if (oss.ok) return { source: "oss", event: oss.value };
  const timer = TimerEventSchema.safeParse(json);
  if (timer.ok) return { source: "timer", event: timer.value };
  const record = (json ?? {}) as Record<string, unknown>;
  const [schema, issues]: [string, FieldIssue[]] =
    "requestContext" in record
      ? ["FcHttpEvent", http.issues]
      : "events" in record
        ? ["FcOssEvent", oss.issues]
        : "triggerTime" in record
          ? ["FcTimerEvent", timer.issues]
          : [
              "FcEvent",
              [
                {
                  path: [],
                  code: "invalid",
                  message: "is not an HTTP, OSS or timer trigger event",
                },
              ],
            ];
  throw new SchemaValidationError({ schema, source: "event", issues });
}

function toJson(raw: unknown): unknown {
  if (Buffer.isBuffer(raw) || typeof raw === "string") {
    const text = raw.toString();
    try {
      return JSON.parse(text);
    } catch {
      throw new SchemaValidationError({
        schema: "FcEvent",
        source: "event",
        issues: [{ path: [], code: "invalid", message: "is not JSON" }],
      });
    }
  }
  return raw;
}
