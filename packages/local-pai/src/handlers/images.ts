/** The workspace image operations: ListImages, GetImage, AddImage, RemoveImage. */
import { type Label, validators } from "@imagebuild/schema";
import { z } from "zod";
import { ApiError, issuesToApiError } from "../http/api-error.ts";
import { MAX_LABEL_FILTER_PAIRS } from "../http/input-limits.ts";
import { parseJsonBody } from "../http/parse-json-body.ts";
import type { ApiRequest, Route } from "../http/route.ts";
import { assertAccess, assertWorkspace } from "../http/service-context.ts";
import { ImageExistsError } from "../store/image-store.ts";

/** The default ListImages page size (pai-api.md §2). */
export const DEFAULT_PAGE_SIZE = 20;

const GetImageQuery = z.strictObject({ Verbose: z.enum(["true", "false"]).optional() });

/**
 * `GET /api/v1/images`: filters by WorkspaceId, Name, Query, Labels, Accessibility, ImageUri; pages; orders by GmtCreateTime.
 *
 * @example
 * // GET /api/v1/images?WorkspaceId=12345&Labels=system.official=false&Verbose=true&PageSize=50&Order=DESC
 */
export const listImagesRoute: Route = {
  method: "GET",
  path: "/api/v1/images",
  action: "ListImages",
  handle(req, service) {
    const parsed = validators.ListImagesQuery.safeParse(Object.fromEntries(req.query));
    if (!parsed.ok) throw issuesToApiError(parsed.issues);
    const q = parsed.value;
    assertWorkspace(service, q.WorkspaceId, req.caller);
    const { totalCount, images } = service.images.list({
      workspaceId: q.WorkspaceId,
      name: q.Name,
      query: q.Query,
      labels: q.Labels === undefined ? undefined : parseLabelFilter(q.Labels),
      accessibility: q.Accessibility,
      imageUri: q.ImageUri,
      verbose: q.Verbose === "true",
      pageNumber: q.PageNumber === undefined ? 1 : Number(q.PageNumber),
      pageSize: q.PageSize === undefined ? DEFAULT_PAGE_SIZE : Number(q.PageSize),
      order: q.Order ?? "ASC",
    });
    return { body: { TotalCount: totalCount, Images: images } };
  },
};

/**
 * `GET /api/v1/images/{ImageId}`: the image without its ImageId; Labels only with `Verbose=true`.
 *
 * @example
 * // GET /api/v1/images/image-4c62abcdefghij53uo?Verbose=true
 */
export const getImageRoute: Route = {
  method: "GET",
  path: "/api/v1/images/{ImageId}",
  action: "GetImage",
  handle(req, service) {
    const query = GetImageQuery.safeParse(Object.fromEntries(req.query));
    if (!query.success) {
      const issue = query.error.issues[0];
      throw new ApiError({
        statusCode: 400,
        code: "InvalidParameter",
        message: `${issue?.path.join(".") || "query"}: ${issue?.message ?? "is invalid"}`,
      });
    }
    const image = service.images.get(imageIdOf(req));
    if (!image) throw imageNotFound(imageIdOf(req));
    assertAccess(service, image.WorkspaceId, req.caller);
    const { ImageId: _id, Labels, ...rest } = image;
    return { body: query.data.Verbose === "true" ? { ...rest, Labels: Labels ?? [] } : rest };
  },
};

/**
 * `POST /api/v1/images`: adds an image to a workspace's list; answers its ImageId.
 *
 * @example
 * // POST /api/v1/images {"Name":"tools","ImageUri":"127.0.0.1:5000/team/tools:1.0","WorkspaceId":"12345"}
 */
export const addImageRoute: Route = {
  method: "POST",
  path: "/api/v1/images",
  action: "AddImage",
  handle(req, service) {
    const parsed = validators.AddImageRequest.safeParse(parseJsonBody(req.body));
    if (!parsed.ok) throw issuesToApiError(parsed.issues);
    const body = parsed.value;
    // The local service has no default workspace to put an image in.
    if (body.WorkspaceId === undefined) {
      throw issuesToApiError([{ path: ["WorkspaceId"], code: "missing", message: "is required" }]);
    }
    assertWorkspace(service, body.WorkspaceId, req.caller);
    try {
      const image = service.images.add({
        imageId: body.ImageId,
        name: body.Name,
        imageUri: body.ImageUri,
        workspaceId: body.WorkspaceId,
        description: body.Description,
        labels: body.Labels,
        accessibility: body.Accessibility,
        userId: body.UserId ?? (req.caller === "anonymous" ? undefined : req.caller),
        size: body.Size,
        sourceType: body.SourceType,
        sourceId: body.SourceId,
      });
      return { body: { ImageId: image.ImageId } };
    } catch (error) {
      if (error instanceof ImageExistsError) {
        throw new ApiError({
          statusCode: 400,
          code: "InvalidParameter",
          message: `${error.field}: ${error.message}`,
          cause: error,
        });
      }
      throw error;
    }
  },
};

/**
 * `DELETE /api/v1/images/{ImageId}`: removes the image from the list (the registry is not touched).
 *
 * @example
 * // DELETE /api/v1/images/image-4c62abcdefghij53uo
 */
export const removeImageRoute: Route = {
  method: "DELETE",
  path: "/api/v1/images/{ImageId}",
  action: "RemoveImage",
  handle(req, service) {
    const image = service.images.get(imageIdOf(req));
    if (!image) throw imageNotFound(imageIdOf(req));
    assertAccess(service, image.WorkspaceId, req.caller);
    service.images.remove(image.ImageId);
    return { body: {} };
  },
};

/**
 * Parses a ListImages `Labels` filter, `k1=v1,k2=v2` (its syntax already checked by the schema);
 * more than `MAX_LABEL_FILTER_PAIRS` pairs is 400 `InvalidParameter` naming `Labels`.
 *
 * @example
 * parseLabelFilter("system.official=false,a=b") // [{ Key: "system.official", Value: "false" }, { Key: "a", Value: "b" }]
 */
export function parseLabelFilter(text: string): Label[] {
  const pairs = text.split(",");
  if (pairs.length > MAX_LABEL_FILTER_PAIRS) {
    throw new ApiError({
      statusCode: 400,
      code: "InvalidParameter",
      message: `Labels: at most ${MAX_LABEL_FILTER_PAIRS} Key=Value pairs, got ${pairs.length}`,
    });
  }
  return pairs.map((pair) => {
    const at = pair.indexOf("=");
    return { Key: pair.slice(0, at), Value: pair.slice(at + 1) };
  });
}

function imageIdOf(req: ApiRequest): string {
  return req.params.ImageId ?? "";
}

function imageNotFound(imageId: string): ApiError {
  return new ApiError({
    statusCode: 404,
    code: "InvalidImageId.NotFound",
    message: `ImageId: image ${imageId} does not exist`,
  });
}
