/** ListJobs (PAI-DLC `GET /api/v1/jobs`): jobs filtered by workspace, status, name, time; paged. */
import type { ListJobsQuery, ListJobsResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import {
  type OperationCallOptions,
  type OperationContext,
  type QueryParams,
  queryOf,
} from "./operation-context.ts";

/**
 * `client.listJobs(query)`: one page of jobs (each with its `Pods`) and `TotalCount`.
 *
 * @example
 * const { Jobs } = await client.listJobs({ WorkspaceId: "12345", Status: "Failed", PageSize: 20 });
 */
export const listJobs =
  (ctx: OperationContext) =>
  async (
    query: QueryParams<ListJobsQuery> = {},
    { signal }: OperationCallOptions = {},
  ): Promise<ListJobsResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.ListJobsResponse,
      ctx.dlc("ListJobs", "GET", "/api/v1/jobs", {
        query: queryOf(validators.ListJobsQuery, query, "ListJobs query"),
        signal,
      }),
    );
  };
