/** PublishImage: makes a workspace image PUBLIC (visible to every member of the workspace). */
import type { Route } from "../http/route.ts";
import { visibleImage } from "./image-labels.ts";

/**
 * `PUT /api/v1/images/{ImageId}/publish`: sets Accessibility to PUBLIC; publishing a public image again is no error.
 *
 * @example
 * // PUT /api/v1/images/image-4c62abcdefghij53uo/publish
 */
export const publishImageRoute: Route = {
  method: "PUT",
  path: "/api/v1/images/{ImageId}/publish",
  action: "PublishImage",
  handle(req, service) {
    const image = visibleImage(service, req.params.ImageId ?? "", req.caller);
    service.images.publish(image.ImageId);
    return { body: { ImageId: image.ImageId } };
  },
};
