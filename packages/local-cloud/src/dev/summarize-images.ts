/** The dev pipeline's closing report: the registry's repositories and tags, and the workspace image list. */
import type { PaiClient } from "@imagebuild/pai-client";
import { z } from "zod";

const Catalog = z.object({ repositories: z.array(z.string()).nullish() });
const Tags = z.object({ tags: z.array(z.string()).nullish() });

/**
 * Lists `registryUrl`'s repositories with their tags and `ListImages` of workspace `local`; a part
 * that does not answer is reported in its place.
 *
 * @example
 * console.log(await summarizeImages({ registryUrl: pai.registry.url, client }));
 */
export async function summarizeImages({
  registryUrl,
  registryAuth,
  client,
}: {
  registryUrl: string;
  /** The registry's htpasswd login, when it has one. */
  registryAuth?: { username: string; password: string } | undefined;
  client: Pick<PaiClient, "listImages">;
}): Promise<string> {
  const lines = ["Images in the local registry:"];
  const headers: Record<string, string> = registryAuth
    ? {
        authorization: `Basic ${Buffer.from(`${registryAuth.username}:${registryAuth.password}`).toString("base64")}`,
      }
    : {};
  const get = async (path: string) => (await fetch(`${registryUrl}${path}`, { headers })).json();
  try {
    const catalog = Catalog.parse(await get("/v2/_catalog"));
    for (const name of catalog.repositories ?? []) {
      const tags = Tags.parse(await get(`/v2/${name}/tags/list`));
      lines.push(
        `  ${registryUrl.replace(/^https?:\/\//, "")}/${name}: ${(tags.tags ?? []).sort().join(", ")}`,
      );
    }
  } catch (error) {
    lines.push(`  (registry at ${registryUrl} did not answer: ${messageOf(error)})`);
  }
  lines.push("Workspace images (ListImages, WorkspaceId local):");
  try {
    const listed = await client.listImages({ WorkspaceId: "local", PageSize: 100 });
    for (const image of listed.Images)
      lines.push(
        `  ${image.Name}  ${image.ImageUri}  ${image.SourceType ?? ""} ${image.SourceId ?? ""}`.trimEnd(),
      );
    if (listed.Images.length === 0) lines.push("  (none)");
  } catch (error) {
    lines.push(`  (ListImages failed: ${messageOf(error)})`);
  }
  return lines.join("\n");
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
