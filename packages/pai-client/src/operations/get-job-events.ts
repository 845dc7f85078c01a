/** GetJobEvents (PAI-DLC `GET /api/v1/jobs/{JobId}/events`): a job's events as lines. */
import type { GetJobEventsQuery, GetJobEventsResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import { pathId } from "../path-id.ts";
import {
  type OperationCallOptions,
  type OperationContext,
  type QueryParams,
  queryOf,
} from "./operation-context.ts";

/**
 * `client.getJobEvents(jobId, query)`: the job's `Events`.
 *
 * @example
 * const { Events } = await client.getJobEvents("dlc-k2p0c7x9ab1qz3", { MaxEventsNum: 50 });
 */
export const getJobEvents =
  (ctx: OperationContext) =>
  async (
    jobId: string,
    query: QueryParams<GetJobEventsQuery> = {},
    { signal }: OperationCallOptions = {},
  ): Promise<GetJobEventsResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.GetJobEventsResponse,
      ctx.dlc("GetJobEvents", "GET", `/api/v1/jobs/${await pathId("JobId", jobId)}/events`, {
        query: queryOf(validators.GetJobEventsQuery, query, "GetJobEvents query"),
        signal,
      }),
    );
  };
