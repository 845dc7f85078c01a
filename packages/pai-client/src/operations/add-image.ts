/** AddImage (AIWorkspace `POST /api/v1/images`): registers an image. */
import type { AddImageRequest, AddImageResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.addImage(body)`: answers the new `ImageId`.
 *
 * @example
 * const { ImageId } = await client.addImage({ Name: "py311", ImageUri: "registry/ns/py311:1.0" });
 */
export const addImage =
  (ctx: OperationContext) =>
  async (
    body: AddImageRequest,
    { signal }: OperationCallOptions = {},
  ): Promise<AddImageResponse> => {
    const { validators } = await loadSchema();
    const checked = validators.AddImageRequest.parse(body, { source: "AddImage body" });
    return ctx.call(
      validators.AddImageResponse,
      ctx.workspace("AddImage", "POST", "/api/v1/images", { body: checked, signal }),
    );
  };
