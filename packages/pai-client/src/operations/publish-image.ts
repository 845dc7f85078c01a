/** PublishImage (AIWorkspace `PUT /api/v1/images/{ImageId}/publish`): makes an image PUBLIC in its workspace. */
import type { PublishImageResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import { pathId } from "../path-id.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.publishImage(imageId)`: answers the `ImageId`.
 *
 * @example
 * await client.publishImage("image-4c62abcdefghij53uo");
 */
export const publishImage =
  (ctx: OperationContext) =>
  async (imageId: string, { signal }: OperationCallOptions = {}): Promise<PublishImageResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.PublishImageResponse,
      ctx.workspace(
        "PublishImage",
        "PUT",
        `/api/v1/images/${await pathId("ImageId", imageId)}/publish`,
        { signal },
      ),
    );
  };
