/** The image label operations: ListImageLabels, AddImageLabels, RemoveImageLabels. */
import { type Label, validators, type WorkspaceImage } from "@imagebuild/schema";
import { ApiError, issuesToApiError } from "../http/api-error.ts";
import { parseJsonBody } from "../http/parse-json-body.ts";
import { parseQuery } from "../http/parse-query.ts";
import type { ApiRequest, Route } from "../http/route.ts";
import { assertAccess, assertWorkspace, type ServiceContext } from "../http/service-context.ts";
import { parseLabelFilter } from "./images.ts";

/** The most labels one image may carry (the `Labels` limit of CreateImageBuild and AddImage). */
export const MAX_IMAGE_LABELS = 64;
/** Images read per page while collecting a workspace's labels. */
const LABEL_SCAN_PAGE_SIZE = 100;

/**
 * `GET /api/v1/image/labels`: the distinct labels of one image or of a workspace's images, by Key then Value.
 *
 * @example
 * // GET /api/v1/image/labels?WorkspaceId=12345&LabelKeys=team&LabelFilter=system.official=false
 */
export const listImageLabelsRoute: Route = {
  method: "GET",
  path: "/api/v1/image/labels",
  action: "ListImageLabels",
  handle(req, service) {
    const q = parseQuery(validators.ListImageLabelsQuery, req.query);
    const filter = q.LabelFilter === undefined ? undefined : parseLabelFilter(q.LabelFilter);
    let images: readonly WorkspaceImage[];
    if (q.ImageId !== undefined) {
      const image = visibleImage(service, q.ImageId, req.caller);
      const matches = (filter ?? []).every((want) =>
        (image.Labels ?? []).some((l) => l.Key === want.Key && (l.Value ?? "") === want.Value),
      );
      images =
        matches && (q.WorkspaceId === undefined || q.WorkspaceId === image.WorkspaceId)
          ? [image]
          : [];
    } else {
      assertWorkspace(service, q.WorkspaceId, req.caller);
      images = workspaceImages(service, q.WorkspaceId, filter);
    }
    const keys = q.LabelKeys === undefined ? undefined : new Set(q.LabelKeys.split(","));
    const seen = new Map<string, Label>();
    for (const label of images.flatMap((image) => image.Labels ?? [])) {
      const key = label.Key ?? "";
      if (keys && !keys.has(key)) continue;
      const value = label.Value ?? "";
      seen.set(JSON.stringify([key, value]), { Key: key, Value: value });
    }
    const labels = [...seen.values()].sort(
      (a, b) =>
        String(a.Key).localeCompare(String(b.Key)) ||
        String(a.Value).localeCompare(String(b.Value)),
    );
    return { body: { TotalCount: labels.length, Labels: labels } };
  },
};

/**
 * `POST /api/v1/images/{ImageId}/labels`: sets labels; a Key the image has gets the new Value.
 *
 * @example
 * // POST /api/v1/images/image-4c62abcdefghij53uo/labels {"Labels":[{"Key":"stage","Value":"released"}]}
 */
export const addImageLabelsRoute: Route = {
  method: "POST",
  path: "/api/v1/images/{ImageId}/labels",
  action: "AddImageLabels",
  handle(req, service) {
    const parsed = validators.AddImageLabelsRequest.safeParse(parseJsonBody(req.body));
    if (!parsed.ok) throw issuesToApiError(parsed.issues);
    const image = visibleImage(service, req.params.ImageId ?? "", req.caller);
    const keys = new Set([...(image.Labels ?? []), ...parsed.value.Labels].map((l) => l.Key));
    if (keys.size > MAX_IMAGE_LABELS) {
      throw new ApiError({
        statusCode: 400,
        code: "InvalidParameter",
        message: `Labels: image ${image.ImageId} would have ${keys.size} labels; at most ${MAX_IMAGE_LABELS}`,
      });
    }
    service.images.addLabels(image.ImageId, parsed.value.Labels);
    return { body: {} };
  },
};

/**
 * `DELETE /api/v1/images/{ImageId}/labels/{LabelKey}`: removes that label; a Key the image lacks is no error.
 *
 * @example
 * // DELETE /api/v1/images/image-4c62abcdefghij53uo/labels/stage
 */
export const removeImageLabelsRoute: Route = {
  method: "DELETE",
  path: "/api/v1/images/{ImageId}/labels/{LabelKey}",
  action: "RemoveImageLabels",
  handle(req, service) {
    const image = visibleImage(service, req.params.ImageId ?? "", req.caller);
    service.images.removeLabel(image.ImageId, req.params.LabelKey ?? "");
    return { body: {} };
  },
};

/**
 * The image with its labels, when the caller may see it; 404 `InvalidImageId.NotFound` otherwise.
 *
 * @example
 * const image = visibleImage(service, "image-4c62abcdefghij53uo", req.caller);
 */
export function visibleImage(
  service: ServiceContext,
  imageId: string,
  caller: ApiRequest["caller"],
) {
  const image = service.images.get(imageId);
  if (!image) {
    throw new ApiError({
      statusCode: 404,
      code: "InvalidImageId.NotFound",
      message: `ImageId: image ${imageId} does not exist`,
    });
  }
  assertAccess(service, image.WorkspaceId, caller);
  return image;
}

function workspaceImages(
  service: ServiceContext,
  workspaceId: string | undefined,
  labels: Label[] | undefined,
): WorkspaceImage[] {
  const out: WorkspaceImage[] = [];
  for (let pageNumber = 1; ; pageNumber += 1) {
    const page = service.images.list({
      workspaceId,
      labels,
      verbose: true,
      pageNumber,
      pageSize: LABEL_SCAN_PAGE_SIZE,
      order: "ASC",
    });
    out.push(...page.images);
    if (page.images.length < LABEL_SCAN_PAGE_SIZE) return out;
  }
}
