/** ListImageLabels (AIWorkspace `GET /api/v1/image/labels`): the labels of an image or of a workspace's images. */
import type { ListImageLabelsQuery, ListImageLabelsResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import {
  type OperationCallOptions,
  type OperationContext,
  type QueryParams,
  queryOf,
} from "./operation-context.ts";

/**
 * `client.listImageLabels(query)`: the distinct `Labels` and `TotalCount`.
 *
 * @example
 * const { Labels } = await client.listImageLabels({ WorkspaceId: "12345", LabelKeys: "team" });
 */
export const listImageLabels =
  (ctx: OperationContext) =>
  async (
    query: QueryParams<ListImageLabelsQuery> = {},
    { signal }: OperationCallOptions = {},
  ): Promise<ListImageLabelsResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.ListImageLabelsResponse,
      ctx.workspace("ListImageLabels", "GET", "/api/v1/image/labels", {
        query: queryOf(validators.ListImageLabelsQuery, query, "ListImageLabels query"),
        signal,
      }),
    );
  };
