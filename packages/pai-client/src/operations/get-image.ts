/** GetImage (AIWorkspace `GET /api/v1/images/{ImageId}`): one image, optionally verbose. */
import type { GetImageResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import { pathId } from "../path-id.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.getImage(imageId, { verbose })`: answers the image.
 *
 * @example
 * const image = await client.getImage("image-4c62abcdefghij53uo", { verbose: true });
 */
export const getImage =
  (ctx: OperationContext) =>
  async (
    imageId: string,
    { verbose, signal }: OperationCallOptions & { verbose?: boolean | undefined } = {},
  ): Promise<GetImageResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.GetImageResponse,
      ctx.workspace("GetImage", "GET", `/api/v1/images/${await pathId("ImageId", imageId)}`, {
        query: verbose === undefined ? undefined : { Verbose: String(verbose) },
        signal,
      }),
    );
  };
