/** Builds and their DLC-style jobs in SQLite: the status machine, its history, crash recovery. */
import type {
  CreateImageBuildRequest,
  DlcJob,
  JobStatus,
  StatusTransition,
} from "@imagebuild/schema";
import { toLikePattern } from "./image-store.ts";
import type { Db } from "./open-database.ts";

/** Statuses a job never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set([
  "Succeeded",
  "Failed",
  "Stopped",
]);

/** The reason code written on jobs a restart found unfinished (see docs/decisions/local-pai-crash-recovery.md). */
export const SERVICE_RESTARTED = "ServiceRestarted";

/** A reason attached to a status change. */
export interface Reason {
  reasonCode?: string | undefined;
  reasonMessage?: string | undefined;
}

/** A new build to record; the request must already have its credentials removed. */
export interface NewBuild {
  imageBuildId: string;
  jobId: string;
  accessKeyId: string;
  request: CreateImageBuildRequest;
  /** What started it (`push:<commit>`, `oss:<key>`, `timer:<slot>`, `cli`), when the client said. */
  trigger?: string | undefined;
}

/**
 * The job store's operations. `insertBuild` runs inside the caller's transaction.
 *
 * @example
 * createJobStore({ db }).get("dlc-abc")?.StatusHistory
 */
/** The ListJobs filters, already parsed; times are `toISOString()` strings, as stored. */
export interface JobFilter {
  workspaceId?: string | undefined;
  statuses?: readonly JobStatus[] | undefined;
  /** DisplayName: a substring (`*` also a wildcard), or the whole name when `exact`. */
  displayName?: { text: string; exact: boolean } | undefined;
  jobIds?: readonly string[] | undefined;
  jobType?: string | undefined;
  /** Only jobs submitted with this AccessKey (`ShowOwn`). */
  accessKeyId?: string | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  sortBy: "GmtCreateTime" | "GmtFinishTime" | "DisplayName" | "Status" | "JobType";
  order: "ASC" | "DESC";
  pageNumber: number;
  pageSize: number;
}

export interface JobStore {
  insertBuild(build: NewBuild): void;
  /** Moves a job to `status` unless it is already terminal; false when it was. */
  transition(jobId: string, status: JobStatus, reason?: Reason): boolean;
  get(jobId: string): DlcJob | undefined;
  /** The stored request of a job's build (without credentials) and its trigger, when recorded. */
  requestOf(
    jobId: string,
  ): { imageBuildId: string; request: CreateImageBuildRequest; trigger?: string } | undefined;
  setImageId(jobId: string, imageId: string): void;
  /** Marks every unfinished job Failed with `ServiceRestarted`; returns their ids. */
  failInterrupted(): string[];
  /** One page of jobs and how many match in all (ListJobs). */
  list(filter: JobFilter): { totalCount: number; jobs: DlcJob[] };
  /** Deletes a job and its history (the build record stays); false when there was none. */
  remove(jobId: string): boolean;
}

interface JobRow {
  job_id: string;
  image_build_id: string;
  display_name: string;
  workspace_id: string;
  status: JobStatus;
  reason_code: string | null;
  reason_message: string | null;
  gmt_create_time: string;
  gmt_running_time: string | null;
  gmt_finish_time: string | null;
  access_key_id?: string | null;
}

interface HistoryRow {
  status: JobStatus;
  time: string;
  reason_code: string | null;
  reason_message: string | null;
}

/**
 * Creates the job store over an open database.
 *
 * @example
 * const jobs = createJobStore({ db });
 * jobs.transition("dlc-abc", "Running");
 * jobs.get("dlc-abc")?.StatusHistory;
 */
export function createJobStore({ db }: { db: Db }): JobStore {
  const insertBuildRow = db.prepare(
    `INSERT INTO builds (image_build_id, job_id, workspace_id, access_key_id, request_json, created_at, trigger)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertJobRow = db.prepare(
    `INSERT INTO jobs (job_id, image_build_id, display_name, workspace_id, status, gmt_create_time, seq)
     VALUES (?, ?, ?, ?, 'Creating', ?, (SELECT coalesce(max(seq), 0) + 1 FROM jobs))`,
  );
  const insertHistory = db.prepare(
    `INSERT INTO job_status_history (job_id, position, status, time, reason_code, reason_message)
     VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM job_status_history WHERE job_id = ?), ?, ?, ?, ?)`,
  );
  const selectJob = db.prepare(
    `SELECT jobs.*, builds.access_key_id FROM jobs LEFT JOIN builds ON builds.job_id = jobs.job_id
     WHERE jobs.job_id = ?`,
  );
  const selectHistory = db.prepare(
    "SELECT status, time, reason_code, reason_message FROM job_status_history WHERE job_id = ? ORDER BY position",
  );
  const selectRequest = db.prepare(
    "SELECT image_build_id, request_json, trigger FROM builds WHERE job_id = ?",
  );
  const updateStatus = db.prepare(
    `UPDATE jobs SET status = @status, reason_code = @reason_code, reason_message = @reason_message,
       gmt_running_time = CASE WHEN @status = 'Running' THEN @now ELSE gmt_running_time END,
       gmt_finish_time = CASE WHEN @terminal THEN @now ELSE gmt_finish_time END
     WHERE job_id = @job_id AND status NOT IN ('Succeeded', 'Failed', 'Stopped')`,
  );
  const selectUnfinished = db.prepare(
    "SELECT job_id, status FROM jobs WHERE status NOT IN ('Succeeded', 'Failed', 'Stopped') ORDER BY seq",
  );
  const updateImageId = db.prepare("UPDATE jobs SET image_id = ? WHERE job_id = ?");
  const deleteJob = db.prepare("DELETE FROM jobs WHERE job_id = ?");
  const deleteHistory = db.prepare("DELETE FROM job_status_history WHERE job_id = ?");

  const transition = db.transaction((jobId: string, status: JobStatus, reason: Reason = {}) => {
    const now = new Date().toISOString();
    const changed = updateStatus.run({
      job_id: jobId,
      status,
      reason_code: reason.reasonCode ?? null,
      reason_message: reason.reasonMessage ?? null,
      terminal: TERMINAL_STATUSES.has(status) ? 1 : 0,
      now,
    }).changes;
    if (changed === 0) return false;
    insertHistory.run(
      jobId,
      jobId,
      status,
      now,
      reason.reasonCode ?? null,
      reason.reasonMessage ?? null,
    );
    return true;
  });

  return {
    insertBuild({ imageBuildId, jobId, accessKeyId, request, trigger }) {
      const now = new Date().toISOString();
      insertBuildRow.run(
        imageBuildId,
        jobId,
        request.WorkspaceId,
        accessKeyId,
        JSON.stringify(request),
        now,
        trigger ?? null,
      );
      const displayName = request.ImageBuildJobName ?? `imagebuild-${request.Image.Name}`;
      insertJobRow.run(jobId, imageBuildId, displayName, request.WorkspaceId, now);
      insertHistory.run(jobId, jobId, "Creating", now, null, null);
    },
    transition: (jobId, status, reason) => transition(jobId, status, reason),
    get(jobId) {
      const row = selectJob.get(jobId) as JobRow | undefined;
      if (!row) return undefined;
      const history = (selectHistory.all(jobId) as HistoryRow[]).map(toTransition);
      return toJob(row, history);
    },
    requestOf(jobId) {
      const row = selectRequest.get(jobId) as
        | { image_build_id: string; request_json: string; trigger: string | null }
        | undefined;
      if (!row) return undefined;
      const build = { imageBuildId: row.image_build_id, request: JSON.parse(row.request_json) };
      return row.trigger === null ? build : { ...build, trigger: row.trigger };
    },
    setImageId(jobId, imageId) {
      updateImageId.run(imageId, jobId);
    },
    failInterrupted: db.transaction(() => {
      const rows = selectUnfinished.all() as { job_id: string; status: JobStatus }[];
      for (const row of rows) {
        transition(row.job_id, "Failed", {
          reasonCode: SERVICE_RESTARTED,
          reasonMessage: `The local PAI service stopped while the job was ${row.status}; the build was interrupted. Submit it again with a new ClientToken.`,
        });
      }
      return rows.map((row) => row.job_id);
    }),
    list(filter) {
      const { clause, params } = jobWhere(filter);
      const from = `FROM jobs LEFT JOIN builds ON builds.job_id = jobs.job_id ${clause}`;
      const { n } = db.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number };
      const direction = filter.order === "DESC" ? "DESC" : "ASC";
      const rows = db
        .prepare(
          `SELECT jobs.*, builds.access_key_id ${from}
           ORDER BY ${SORT_COLUMNS[filter.sortBy]} ${direction}, jobs.seq ${direction} LIMIT ? OFFSET ?`,
        )
        .all(...params, filter.pageSize, (filter.pageNumber - 1) * filter.pageSize) as JobRow[];
      return {
        totalCount: n,
        jobs: rows.map((row) =>
          toJob(row, (selectHistory.all(row.job_id) as HistoryRow[]).map(toTransition)),
        ),
      };
    },
    remove: db.transaction((jobId: string) => {
      deleteHistory.run(jobId);
      return deleteJob.run(jobId).changes > 0;
    }),
  };
}

const SORT_COLUMNS: Record<JobFilter["sortBy"], string> = {
  GmtCreateTime: "jobs.gmt_create_time",
  // Unfinished jobs have no finish time; coalesce keeps them in one place instead of first or last by NULL rules.
  GmtFinishTime: "coalesce(jobs.gmt_finish_time, '')",
  DisplayName: "jobs.display_name",
  Status: "jobs.status",
  JobType: "jobs.seq",
};

function jobWhere(filter: JobFilter): { clause: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filter.workspaceId !== undefined) add("jobs.workspace_id = ?", filter.workspaceId);
  if (filter.statuses !== undefined) {
    add(`jobs.status IN (${filter.statuses.map(() => "?").join(", ")})`, ...filter.statuses);
  }
  if (filter.displayName !== undefined) {
    const { text, exact } = filter.displayName;
    if (exact) add("jobs.display_name = ?", text);
    else add("jobs.display_name LIKE ? ESCAPE '\\'", toLikePattern(text));
  }
  if (filter.jobIds !== undefined) {
    add(`jobs.job_id IN (${filter.jobIds.map(() => "?").join(", ")})`, ...filter.jobIds);
  }
  // Every local job runs an image build.
  if (filter.jobType !== undefined) add("? = 'ImageBuild'", filter.jobType);
  if (filter.accessKeyId !== undefined) add("builds.access_key_id = ?", filter.accessKeyId);
  if (filter.createdFrom !== undefined) add("jobs.gmt_create_time >= ?", filter.createdFrom);
  if (filter.createdTo !== undefined) add("jobs.gmt_create_time <= ?", filter.createdTo);
  return { clause: where.length > 0 ? `WHERE ${where.join(" AND ")}` : "", params };
}

function toTransition(row: HistoryRow): StatusTransition {
  const transition: StatusTransition = { Status: row.status, Time: row.time };
  if (row.reason_code) transition.ReasonCode = row.reason_code;
  if (row.reason_message) transition.ReasonMessage = row.reason_message;
  return transition;
}

function toJob(row: JobRow, history: StatusTransition[]): DlcJob {
  const job: DlcJob = {
    JobId: row.job_id,
    DisplayName: row.display_name,
    JobType: "ImageBuild",
    WorkspaceId: row.workspace_id,
    Status: row.status,
    GmtCreateTime: row.gmt_create_time,
  };
  if (row.reason_code) job.ReasonCode = row.reason_code;
  if (row.reason_message) job.ReasonMessage = row.reason_message;
  if (row.gmt_running_time) job.GmtRunningTime = row.gmt_running_time;
  if (row.gmt_finish_time) job.GmtFinishTime = row.gmt_finish_time;
  if (row.access_key_id && row.access_key_id !== "anonymous") job.UserId = row.access_key_id;
  if (row.gmt_running_time) {
    const end = row.gmt_finish_time ? Date.parse(row.gmt_finish_time) : Date.now();
    job.Duration = Math.max(0, Math.round((end - Date.parse(row.gmt_running_time)) / 1000));
  }
  // The SDK's StatusTransitionItem names the interval StartTime/EndTime; Time stays for older readers.
  job.StatusHistory = history.map((item, i) => {
    const next = history[i + 1];
    return next
      ? { ...item, StartTime: item.Time, EndTime: next.Time }
      : { ...item, StartTime: item.Time };
  });
  return job;
}
