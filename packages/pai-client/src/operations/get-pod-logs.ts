/** GetPodLogs (PAI-DLC `GET /api/v1/jobs/{JobId}/pods/{PodId}/logs`): a pod's log lines. */
import type { GetPodLogsQuery, GetPodLogsResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import { pathId } from "../path-id.ts";
import {
  type OperationCallOptions,
  type OperationContext,
  type QueryParams,
  queryOf,
} from "./operation-context.ts";

/**
 * `client.getPodLogs(jobId, podId, query)`: the pod's `Logs`, the last `MaxLines` lines (a build job's pod id is in `getJob(jobId).Pods`).
 *
 * @example
 * const { Logs } = await client.getPodLogs(jobId, job.Pods?.[0]?.PodId ?? "", { MaxLines: 100 });
 */
export const getPodLogs =
  (ctx: OperationContext) =>
  async (
    jobId: string,
    podId: string,
    query: QueryParams<GetPodLogsQuery> = {},
    { signal }: OperationCallOptions = {},
  ): Promise<GetPodLogsResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.GetPodLogsResponse,
      ctx.dlc(
        "GetPodLogs",
        "GET",
        `/api/v1/jobs/${await pathId("JobId", jobId)}/pods/${await pathId("PodId", podId)}/logs`,
        { query: queryOf(validators.GetPodLogsQuery, query, "GetPodLogs query"), signal },
      ),
    );
  };
