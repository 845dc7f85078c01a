/** Turns a job record's outcomes (dispatched, followed, gave up) into the reporter's statuses and digests. */
import type { SpecResult } from "@imagebuild/schema";
import type { JobRecord } from "../events/job-record.ts";
import type { FinishedBuild } from "./commit-status.ts";
import type { Reporter } from "./create-reporter.ts";
import type { ReportTrigger } from "./report-trigger.ts";

/** What one step of a job record produced (the same shape as the handler's `onOutcomes`). */
export interface RecordReport {
  phase: "dispatched" | "followed" | "gave-up";
  record: JobRecord;
  results: SpecResult[];
}

/**
 * Reports one step of a record: `pending` (or the failure) per spec at dispatch, the terminal state
 * per spec when followed, `error` when following gave up. Each record part and follow round has its
 * own digest key, since each reports different specs; statuses are keyed per spec and state, so a
 * retried record posts nothing twice on this instance.
 *
 * @example
 * await reportRecordOutcomes({ reporter, report: { phase: "dispatched", record, results }, following: true });
 */
export async function reportRecordOutcomes({
  reporter,
  report,
  following,
}: {
  reporter: Reporter;
  report: RecordReport;
  following: boolean;
}): Promise<void> {
  const { phase, record, results } = report;
  const trigger: ReportTrigger = {
    kind: "push",
    provider: record.provider,
    repository: record.repository,
    branch: record.branch,
    commit: record.after,
    deliveryKey: `${record.delivery}#${record.part}#${phase === "dispatched" ? "d" : (record.round ?? 0)}`,
  };
  if (phase === "dispatched") {
    await reporter.reportSubmitted({ trigger, results, followed: following });
    return;
  }
  const finished = results.flatMap((result): FinishedBuild[] =>
    result.status === "submitted"
      ? [
          {
            file: result.file,
            jobId: result.jobId,
            finalStatus: phase === "gave-up" ? "Unknown" : (result.finalStatus ?? "Unknown"),
            reason: result.reason,
          },
        ]
      : [],
  );
  await reporter.reportFinished({ trigger, results, finished });
}
