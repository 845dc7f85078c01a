/** The job record: what the HTTP trigger hands to the asynchronous worker (its own InvokeFunction payload). */
import { createHash } from "node:crypto";
import { type JobRecord, validators } from "@imagebuild/schema";
import type { PushDelivery } from "../webhooks/read-delivery.ts";

export type { JobRecord };

/** Parses a job record by the JobRecord schema (throws `SchemaValidationError` naming the field). */
export const JobRecordSchema = validators.JobRecord;

/** The record marker; `recognizeEvent` tells a record from a trigger event by it. */
export const JOB_RECORD_KIND = "imagebuild/job-record/v1";

/** Spec files per record: bounds one invocation's work and keeps the payload far under 128 KB. */
export const FILES_PER_RECORD = 25;

/**
 * Splits a verified push into dispatch records of at most `FILES_PER_RECORD` files each; removed
 * files ride on part 0. The webhook body itself is never carried.
 *
 * @example
 * const records = pushRecords({ push, acceptedAt: new Date() }); // 100 specs → 4 records
 */
export function pushRecords({
  push,
  acceptedAt,
  filesPerRecord = FILES_PER_RECORD,
}: {
  push: PushDelivery;
  acceptedAt: Date;
  filesPerRecord?: number;
}): JobRecord[] {
  const parts = Math.max(1, Math.ceil(push.build.length / filesPerRecord));
  return Array.from({ length: parts }, (_, part) => ({
    record: JOB_RECORD_KIND,
    phase: "dispatch",
    delivery: push.deliveryKey,
    provider: push.provider,
    repository: push.repository,
    branch: push.branch,
    before: push.before,
    after: push.after,
    part,
    parts,
    truncated: push.truncated,
    files: push.build.slice(part * filesPerRecord, (part + 1) * filesPerRecord),
    removed: part === 0 ? push.removed.slice(0, 50) : [],
    acceptedAt: acceptedAt.toISOString(),
  }));
}

/**
 * The `x-fc-async-task-id` of a record: derived from the delivery, so a redelivery of the same
 * webhook names the same tasks and FC's task mode rejects them (409) instead of running them again.
 * FC allows `[A-Za-z_][A-Za-z0-9_-]{0,127}`, so the delivery key is hashed.
 *
 * @example
 * asyncTaskId(record) // "ib_3f2a…_d0" (dispatch part 0), "ib_3f2a…_f0_2" (follow part 0, round 2)
 */
export function asyncTaskId(record: JobRecord): string {
  const key = createHash("sha256").update(record.delivery).digest("hex").slice(0, 40);
  return record.phase === "dispatch"
    ? `ib_${key}_d${record.part}`
    : `ib_${key}_f${record.part}_${record.round ?? 0}`;
}
