/** The DLC job operations for build jobs: GetJob, StopJob and the build log. */
import { ApiError } from "../http/api-error.ts";
import type { ApiRequest, Route } from "../http/route.ts";
import { assertAccess, type ServiceContext } from "../http/service-context.ts";
import { readJobLog } from "../queue/job-log.ts";
import { withPods } from "./job-pod.ts";

/**
 * `GET /api/v1/jobs/{JobId}`: status, reason, times, StatusHistory and the build's one pod.
 *
 * @example
 * // GET /api/v1/jobs/dlc-k2p0c7x9ab1qz3
 */
export const getJobRoute: Route = {
  method: "GET",
  path: "/api/v1/jobs/{JobId}",
  action: "GetJob",
  handle(req, service) {
    return { body: { ...withPods(visibleJob(req, service)) } };
  },
};

/**
 * `POST /api/v1/jobs/{JobId}/stop`: stops a queued or running build; a finished job is left as it is.
 *
 * @example
 * // POST /api/v1/jobs/dlc-k2p0c7x9ab1qz3/stop
 */
export const stopJobRoute: Route = {
  method: "POST",
  path: "/api/v1/jobs/{JobId}/stop",
  action: "StopJob",
  handle(req, service) {
    service.queue.stop(visibleJob(req, service).JobId);
    return { body: {} };
  },
};

/**
 * `GET /api/v1/jobs/{JobId}/logs`: the build log as lines, `{JobId, Logs: string[]}`
 * (see docs/decisions/local-pai-build-log-path.md).
 *
 * @example
 * // GET /api/v1/jobs/dlc-k2p0c7x9ab1qz3/logs
 */
export const getJobLogsRoute: Route = {
  method: "GET",
  path: "/api/v1/jobs/{JobId}/logs",
  action: "GetJobLogs",
  handle(req, service) {
    const jobId = visibleJob(req, service).JobId;
    return { body: { JobId: jobId, Logs: readJobLog({ dataDir: service.dataDir, jobId }) } };
  },
};

/**
 * The job a `/jobs/{JobId}` request names, when the caller may see it; 404 `NotFound` otherwise.
 *
 * @example
 * const job = visibleJob(req, service);
 */
export function visibleJob(req: ApiRequest, service: ServiceContext) {
  const job = service.jobs.get(jobIdOf(req));
  if (!job) throw jobNotFound(jobIdOf(req));
  assertAccess(service, job.WorkspaceId, req.caller);
  return job;
}

function jobIdOf(req: ApiRequest): string {
  return req.params.JobId ?? "";
}

function jobNotFound(jobId: string): ApiError {
  return new ApiError({
    statusCode: 404,
    code: "NotFound",
    message: `JobId: job ${jobId} does not exist`,
  });
}
