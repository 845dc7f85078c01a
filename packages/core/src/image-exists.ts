/** Asks the workspace whether an image with this exact URI is already registered. */
import type { PaiClientLike } from "./pai-client-like.ts";

/**
 * True when ListImages with an ImageUri filter returns an image with exactly that URI.
 *
 * @example
 * if (await imageExists({ client, workspaceId: "12345", imageUri: "r/ns/a:1.0" })) skip();
 */
export async function imageExists({
  client,
  workspaceId,
  imageUri,
  signal,
}: {
  client: PaiClientLike;
  workspaceId: string;
  imageUri: string;
  signal?: AbortSignal | undefined;
}): Promise<boolean> {
  const response = await client.listImages(
    { WorkspaceId: workspaceId, ImageUri: imageUri, PageSize: "100" },
    signal ? { signal } : undefined,
  );
  return response.Images.some((image) => image.ImageUri === imageUri);
}
