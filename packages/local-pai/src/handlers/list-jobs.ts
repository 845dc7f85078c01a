/** ListJobs: the build jobs, filtered and paged as PAI-DLC does (docs/decisions/local-pai-list-jobs.md). */
import { type JobStatus, jsonSchemas, type ListJobsQuery, validators } from "@imagebuild/schema";
import { ApiError } from "../http/api-error.ts";
import { parseQuery, parseQueryTime } from "../http/parse-query.ts";
import type { Route } from "../http/route.ts";
import { assertWorkspace } from "../http/service-context.ts";
import type { JobFilter } from "../store/job-store.ts";
import { withPods } from "./job-pod.ts";

/** The ListJobs page size when `PageSize` is absent. */
export const DEFAULT_JOBS_PAGE_SIZE = 50;
/** Without StartTime and EndTime, DLC lists the jobs created in the last 7 days. */
export const DEFAULT_JOBS_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** SDK fields the local service answers; any other one with a value is 400 (it would be ignored). */
const SUPPORTED = new Set<keyof ListJobsQuery>([
  "WorkspaceId",
  "Status",
  "DisplayName",
  "DisplayNameSearchMode",
  "JobId",
  "JobIds",
  "JobType",
  "StartTime",
  "EndTime",
  "ShowOwn",
  "FromAllWorkspaces",
  "SortBy",
  "Order",
  "PageNumber",
  "PageSize",
]);

const STATUSES: ReadonlySet<string> = new Set(jsonSchemas.DlcJobSchema.$defs.JobStatus.enum);

/**
 * `GET /api/v1/jobs`: newest first by default, each job with its pod.
 *
 * @example
 * // GET /api/v1/jobs?WorkspaceId=12345&Status=Failed,Stopped&PageSize=20
 */
export const listJobsRoute: Route = {
  method: "GET",
  path: "/api/v1/jobs",
  action: "ListJobs",
  handle(req, service) {
    const q = parseQuery(validators.ListJobsQuery, req.query);
    for (const [field, value] of Object.entries(q)) {
      if (value !== "" && !SUPPORTED.has(field as keyof ListJobsQuery)) {
        throw new ApiError({
          statusCode: 400,
          code: "InvalidParameter",
          message: `${field}: not supported by the local service (it supports ${[...SUPPORTED].join(", ")})`,
        });
      }
    }
    assertWorkspace(service, q.WorkspaceId, req.caller);
    const { totalCount, jobs } = service.jobs.list(toFilter(q, req.caller));
    return {
      body: { TotalCount: totalCount, Jobs: jobs.map((job) => withPods(job, { listItem: true })) },
    };
  },
};

function toFilter(q: ListJobsQuery, caller: string): JobFilter {
  const statuses = q.Status?.split(",").map((s) => s.trim());
  const unknown = statuses?.find((s) => !STATUSES.has(s));
  if (unknown !== undefined) {
    throw new ApiError({
      statusCode: 400,
      code: "InvalidParameter",
      message: `Status: "${unknown}" is not a DLC job status (one of ${[...STATUSES].join(", ")})`,
    });
  }
  let createdFrom = parseQueryTime("StartTime", q.StartTime);
  const createdTo = parseQueryTime("EndTime", q.EndTime);
  if (createdFrom === undefined && createdTo === undefined) {
    createdFrom = new Date(Date.now() - DEFAULT_JOBS_WINDOW_MS).toISOString();
  }
  const jobIds = q.JobId ? [q.JobId] : q.JobIds?.split(",").map((id) => id.trim());
  return {
    workspaceId: q.WorkspaceId,
    statuses: statuses as JobStatus[] | undefined,
    displayName: q.DisplayName
      ? { text: q.DisplayName, exact: q.DisplayNameSearchMode === "exact" }
      : undefined,
    jobIds,
    jobType: q.JobType || undefined,
    accessKeyId: q.ShowOwn === "true" ? caller : undefined,
    createdFrom,
    createdTo,
    sortBy: q.SortBy ?? "GmtCreateTime",
    order: q.Order?.toUpperCase() === "ASC" ? "ASC" : "DESC",
    pageNumber: q.PageNumber === undefined ? 1 : Number(q.PageNumber),
    pageSize: q.PageSize === undefined ? DEFAULT_JOBS_PAGE_SIZE : Number(q.PageSize),
  };
}
