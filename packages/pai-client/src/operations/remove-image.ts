/** RemoveImage (AIWorkspace `DELETE /api/v1/images/{ImageId}`): removes an image. */
import type { RequestIdResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import { pathId } from "../path-id.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.removeImage(imageId)`: answers the `RequestId`.
 *
 * @example
 * await client.removeImage("image-4c62abcdefghij53uo");
 */
export const removeImage =
  (ctx: OperationContext) =>
  async (imageId: string, { signal }: OperationCallOptions = {}): Promise<RequestIdResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.RequestIdResponse,
      ctx.workspace("RemoveImage", "DELETE", `/api/v1/images/${await pathId("ImageId", imageId)}`, {
        signal,
      }),
    );
  };
