/** ListEcsSpecs (PAI-DLC `GET /api/v1/ecsspecs`): the instance types a build's `Resource.EcsSpec` may name. */
import type { ListEcsSpecsQuery, ListEcsSpecsResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import {
  type OperationCallOptions,
  type OperationContext,
  type QueryParams,
  queryOf,
} from "./operation-context.ts";

/**
 * `client.listEcsSpecs(query)`: one page of `EcsSpecs` and `TotalCount`.
 *
 * @example
 * const { EcsSpecs } = await client.listEcsSpecs({ AcceleratorType: "CPU", SortBy: "Memory" });
 */
export const listEcsSpecs =
  (ctx: OperationContext) =>
  async (
    query: QueryParams<ListEcsSpecsQuery> = {},
    { signal }: OperationCallOptions = {},
  ): Promise<ListEcsSpecsResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.ListEcsSpecsResponse,
      ctx.dlc("ListEcsSpecs", "GET", "/api/v1/ecsspecs", {
        query: queryOf(validators.ListEcsSpecsQuery, query, "ListEcsSpecs query"),
        signal,
      }),
    );
  };
