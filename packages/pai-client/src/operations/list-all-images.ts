/** Every page of ListImages, from `PageNumber` on. */
import type { ListImagesResponse } from "@imagebuild/schema";
import { type ListImagesParams, listImages } from "./list-images.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.listAllImages(query)`: yields pages from `PageNumber` (default 1) until `TotalCount` images
 * were seen or a page is empty.
 *
 * @example
 * for await (const page of client.listAllImages({ WorkspaceId: "12345" })) console.log(page.Images.length);
 */
export const listAllImages = (ctx: OperationContext) => {
  const listPage = listImages(ctx);
  return async function* (
    query: ListImagesParams = {},
    options: OperationCallOptions = {},
  ): AsyncIterable<ListImagesResponse> {
    let page = Number(query.PageNumber ?? 1);
    let seen = 0;
    for (;;) {
      const result = await listPage({ ...query, PageNumber: page }, options);
      yield result;
      seen += result.Images.length;
      if (result.Images.length === 0 || seen >= result.TotalCount) return;
      page += 1;
    }
  };
};
