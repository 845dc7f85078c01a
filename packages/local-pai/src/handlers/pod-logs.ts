/** GetPodLogs: the build log of a job's one pod (docs/decisions/local-pai-job-pods-and-events.md). */
import { validators } from "@imagebuild/schema";
import { parseQuery } from "../http/parse-query.ts";
import type { Route } from "../http/route.ts";
import { readJobLog } from "../queue/job-log.ts";
import { visiblePod } from "./visible-pod.ts";

/** DLC's default `MaxLines`. */
export const DEFAULT_MAX_LOG_LINES = 2000;

/**
 * `GET /api/v1/jobs/{JobId}/pods/{PodId}/logs`: the last `MaxLines` lines of the build log.
 *
 * @example
 * // GET /api/v1/jobs/dlc-k2p0c7x9ab1qz3/pods/dlc-k2p0c7x9ab1qz3-worker-0/logs?MaxLines=100
 */
export const getPodLogsRoute: Route = {
  method: "GET",
  path: "/api/v1/jobs/{JobId}/pods/{PodId}/logs",
  action: "GetPodLogs",
  handle(req, service) {
    const query = parseQuery(validators.GetPodLogsQuery, req.query);
    const { job, pod } = visiblePod(req, service);
    const maxLines = query.MaxLines === undefined ? DEFAULT_MAX_LOG_LINES : Number(query.MaxLines);
    const lines = readJobLog({ dataDir: service.dataDir, jobId: job.JobId });
    return {
      body: {
        JobId: job.JobId,
        PodId: pod.PodId,
        PodUid: pod.PodUid,
        Logs: lines.slice(-maxLines),
      },
    };
  },
};
