/** RemoveImageLabels (AIWorkspace `DELETE /api/v1/images/{ImageId}/labels/{LabelKey}`): removes one label. */
import type { RequestIdResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import { pathId } from "../path-id.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.removeImageLabels(imageId, labelKey)`.
 *
 * @example
 * await client.removeImageLabels("image-4c62abcdefghij53uo", "stage");
 */
export const removeImageLabels =
  (ctx: OperationContext) =>
  async (
    imageId: string,
    labelKey: string,
    { signal }: OperationCallOptions = {},
  ): Promise<RequestIdResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.RequestIdResponse,
      ctx.workspace(
        "RemoveImageLabels",
        "DELETE",
        `/api/v1/images/${await pathId("ImageId", imageId)}/labels/${await pathId("LabelKey", labelKey)}`,
        { signal },
      ),
    );
  };
