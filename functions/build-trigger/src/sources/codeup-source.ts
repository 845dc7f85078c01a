/** Spec files from the Codeup (Yunxiao) OpenAPI `GetFileBlobs` at one exact commit; reading only. */
import type { SpecSource } from "@imagebuild/core";
import { z } from "zod";
import { assertAllowedHost, getText } from "./fetch-allowed.ts";

const BlobSchema = z.object({
  content: z.string(),
  encoding: z.enum(["text", "base64"]).default("text"),
});

/**
 * A `SpecSource` reading `repository` (id or full path) of `organizationId` at `revision` through
 * `GET /oapi/v1/codeup/organizations/{org}/repositories/{repo}/files/{path}?ref={sha}` with an
 * `x-yunxiao-token`. Codeup has no tree listing here (see docs/decisions/build-trigger-sources.md):
 * `listFiles` returns the `knownFiles` (the files the push names) plus every `_defaults.yaml` above
 * them that exists, which is all `loadSpecs` needs to layer those specs.
 *
 * @example
 * const source = codeupSource({ apiUrl, organizationId, repository: "acme/images", revision: after, token, allowedHosts });
 */
export function codeupSource({
  apiUrl,
  organizationId,
  repository,
  revision,
  token,
  allowedHosts,
  knownFiles,
}: {
  knownFiles: readonly string[];
  apiUrl: string;
  organizationId: string;
  repository: string;
  revision: string;
  token?: string | undefined;
  allowedHosts: readonly string[];
}): SpecSource {
  const base = assertAllowedHost({ baseUrl: apiUrl, allowedHosts }).href.replace(/\/$/, "");
  const repoPath = `${base}/oapi/v1/codeup/organizations/${encodeURIComponent(organizationId)}/repositories/${encodeURIComponent(repository)}`;
  const headers: Record<string, string> = token ? { "x-yunxiao-token": token } : {};
  const cache = new Map<string, Promise<string | undefined>>();
  const source: SpecSource = {
    description: `codeup:${repository}@${revision}`,
    readFile(path) {
      let pending = cache.get(path);
      if (!pending) {
        pending = readBlob(path);
        cache.set(path, pending);
      }
      return pending;
    },
    async listFiles(prefix) {
      const root = prefix.replace(/\/+$/, "");
      const files = new Set(knownFiles.filter((file) => file.startsWith(`${root}/`)));
      const folders = new Set<string>();
      for (const file of files) {
        const parts = file.split("/").slice(0, -1);
        for (let depth = root.split("/").length; depth <= parts.length; depth++)
          folders.add(parts.slice(0, depth).join("/"));
      }
      for (const folder of folders) {
        const defaults = `${folder}/_defaults.yaml`;
        if ((await source.readFile(defaults)) !== undefined) files.add(defaults);
      }
      return [...files].sort();
    },
  };
  return source;

  async function readBlob(path: string): Promise<string | undefined> {
    const text = await getText({
      url: `${repoPath}/files/${encodeURIComponent(path)}?ref=${encodeURIComponent(revision)}`,
      headers,
    });
    if (text === undefined) return undefined;
    const blob = BlobSchema.parse(JSON.parse(text));
    return blob.encoding === "base64"
      ? Buffer.from(blob.content, "base64").toString("utf8")
      : blob.content;
  }
}
