/** Resolves the `/jobs/{JobId}/pods/{PodId}` of a request to a job the caller may see and its pod. */
import type { DlcJob, Pod } from "@imagebuild/schema";
import { ApiError } from "../http/api-error.ts";
import type { ApiRequest } from "../http/route.ts";
import type { ServiceContext } from "../http/service-context.ts";
import { podOf } from "./job-pod.ts";
import { visibleJob } from "./jobs.ts";

/**
 * The job and pod a `/jobs/{JobId}/pods/{PodId}` request names; 404 `NotFound` for another pod id or
 * a `PodUid` that is not the pod's.
 *
 * @example
 * const { job, pod } = visiblePod(req, service);
 */
export function visiblePod(req: ApiRequest, service: ServiceContext): { job: DlcJob; pod: Pod } {
  const job = visibleJob(req, service);
  const pod = podOf(job);
  const podId = req.params.PodId ?? "";
  const podUid = req.query.get("PodUid");
  if (podId !== pod.PodId || (podUid !== null && podUid !== pod.PodUid)) {
    throw new ApiError({
      statusCode: 404,
      code: "NotFound",
      message: `PodId: pod ${podId}${podUid === null ? "" : ` (PodUid ${podUid})`} does not exist in job ${job.JobId}; its pod is ${pod.PodId}`,
    });
  }
  return { job, pod };
}
