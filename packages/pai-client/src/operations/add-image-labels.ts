/** AddImageLabels (AIWorkspace `POST /api/v1/images/{ImageId}/labels`): sets labels on an image. */
import type { AddImageLabelsRequest, RequestIdResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import { pathId } from "../path-id.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.addImageLabels(imageId, { Labels })`: a Key the image has gets the new Value.
 *
 * @example
 * await client.addImageLabels("image-4c62abcdefghij53uo", { Labels: [{ Key: "stage", Value: "released" }] });
 */
export const addImageLabels =
  (ctx: OperationContext) =>
  async (
    imageId: string,
    body: AddImageLabelsRequest,
    { signal }: OperationCallOptions = {},
  ): Promise<RequestIdResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.RequestIdResponse,
      ctx.workspace(
        "AddImageLabels",
        "POST",
        `/api/v1/images/${await pathId("ImageId", imageId)}/labels`,
        {
          body: validators.AddImageLabelsRequest.parse(body, { source: "AddImageLabels body" }),
          // Setting the same labels again leaves the image as it was, so a retry is safe.
          idempotent: true,
          signal,
        },
      ),
    );
  };
