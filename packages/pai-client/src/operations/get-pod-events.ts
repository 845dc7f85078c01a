/** GetPodEvents (PAI-DLC `GET /api/v1/jobs/{JobId}/pods/{PodId}/events`): a pod's events as lines. */
import type { GetPodEventsQuery, GetPodEventsResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import { pathId } from "../path-id.ts";
import {
  type OperationCallOptions,
  type OperationContext,
  type QueryParams,
  queryOf,
} from "./operation-context.ts";

/**
 * `client.getPodEvents(jobId, podId, query)`: the pod's `Events`.
 *
 * @example
 * const { Events } = await client.getPodEvents(jobId, podId);
 */
export const getPodEvents =
  (ctx: OperationContext) =>
  async (
    jobId: string,
    podId: string,
    query: QueryParams<GetPodEventsQuery> = {},
    { signal }: OperationCallOptions = {},
  ): Promise<GetPodEventsResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.GetPodEventsResponse,
      ctx.dlc(
        "GetPodEvents",
        "GET",
        `/api/v1/jobs/${await pathId("JobId", jobId)}/pods/${await pathId("PodId", podId)}/events`,
        { query: queryOf(validators.GetPodEventsQuery, query, "GetPodEvents query"), signal },
      ),
    );
  };
