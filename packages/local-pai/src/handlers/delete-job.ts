/** DeleteJob: forgets a finished job, its history and its build log (docs/decisions/local-pai-job-pods-and-events.md). */
import { rmSync } from "node:fs";
import { ApiError } from "../http/api-error.ts";
import type { Route } from "../http/route.ts";
import { jobLogPath } from "../queue/job-log.ts";
import { TERMINAL_STATUSES } from "../store/job-store.ts";
import { visibleJob } from "./jobs.ts";

/**
 * `DELETE /api/v1/jobs/{JobId}`: a job that is still queued or running is 400 `IncorrectStatus`.
 *
 * @example
 * // DELETE /api/v1/jobs/dlc-k2p0c7x9ab1qz3
 */
export const deleteJobRoute: Route = {
  method: "DELETE",
  path: "/api/v1/jobs/{JobId}",
  action: "DeleteJob",
  handle(req, service) {
    const job = visibleJob(req, service);
    if (!TERMINAL_STATUSES.has(job.Status)) {
      throw new ApiError({
        statusCode: 400,
        code: "IncorrectStatus",
        message: `JobId: job ${job.JobId} is ${job.Status}; stop it with StopJob, then delete it`,
      });
    }
    service.jobs.remove(job.JobId);
    rmSync(jobLogPath({ dataDir: service.dataDir, jobId: job.JobId }), { force: true });
    return { body: { JobId: job.JobId } };
  },
};
