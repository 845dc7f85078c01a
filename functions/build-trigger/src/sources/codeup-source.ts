/** Spec files from the Codeup (Yunxiao) OpenAPI `GetFileBlobs` at one exact commit; reading only. */
import type { SpecSource } from "@imagebuild/core";
import { z } from "zod";
import { SourceError } from "../errors.ts";
import { assertAllowedHost, getText } from "./fetch-allowed.ts";

const BlobSchema = z.object({
  content: z.string(),
  encoding: z.enum(["text", "base64"]).default("text"),
});

/**
 * A `SpecSource` reading `repository` (id or full path) of `organizationId` at `revision` through
 * `GET /oapi/v1/codeup/organizations/{org}/repositories/{repo}/files/{path}?ref={sha}` with an
 * `x-yunxiao-token`. Listing is not supported (see docs/decisions/build-trigger-sources.md), so a
 * Codeup push builds the files its payload names.
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
}: {
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
  return {
    description: `codeup:${repository}@${revision}`,
    async readFile(path) {
      const text = await getText({
        url: `${repoPath}/files/${encodeURIComponent(path)}?ref=${encodeURIComponent(revision)}`,
        headers,
      });
      if (text === undefined) return undefined;
      const blob = BlobSchema.parse(JSON.parse(text));
      return blob.encoding === "base64"
        ? Buffer.from(blob.content, "base64").toString("utf8")
        : blob.content;
    },
    listFiles() {
      return Promise.reject(
        new SourceError({
          code: "SOURCE_UNSUPPORTED",
          message: "the Codeup source reads named files only; listing is not supported",
        }),
      );
    },
  };
}
