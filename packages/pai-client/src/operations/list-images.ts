/** ListImages (AIWorkspace `GET /api/v1/images`): one page of images. */
import type { ListImagesQuery, ListImagesResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import {
  type OperationCallOptions,
  type OperationContext,
  type QueryParams,
  queryOf,
} from "./operation-context.ts";

/** ListImages query values; numbers and booleans are turned into the strings the API expects. */
export type ListImagesParams = QueryParams<ListImagesQuery>;

/**
 * `client.listImages(query)`: answers one page and the `TotalCount`.
 *
 * @example
 * const { Images, TotalCount } = await client.listImages({ WorkspaceId: "12345", PageSize: 50 });
 */
export const listImages =
  (ctx: OperationContext) =>
  async (
    query: ListImagesParams = {},
    { signal }: OperationCallOptions = {},
  ): Promise<ListImagesResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.ListImagesResponse,
      ctx.workspace("ListImages", "GET", "/api/v1/images", {
        query: queryOf(validators.ListImagesQuery, query, "ListImages query"),
        signal,
      }),
    );
  };
