/** Spec files from the GitHub REST API at one exact commit: contents for text, git trees for listing. */
import type { SpecSource } from "@imagebuild/core";
import { z } from "zod";
import { assertAllowedHost, getText } from "./fetch-allowed.ts";

const TreeSchema = z.object({
  truncated: z.boolean().optional(),
  tree: z.array(z.object({ path: z.string(), type: z.string() })),
});

/**
 * A `SpecSource` reading `repository` at `revision` (a commit sha) through the contents API
 * (`GET /repos/{owner}/{repo}/contents/{path}?ref={sha}`, raw media type). `apiUrl` must be on
 * `allowedHosts`; `token` (optional for public repositories) is sent as a bearer token.
 *
 * @example
 * const source = githubSource({ apiUrl: "https://api.github.com", repository: "acme/images", revision: after, token, allowedHosts });
 */
export function githubSource({
  apiUrl,
  repository,
  revision,
  token,
  allowedHosts,
}: {
  apiUrl: string;
  repository: string;
  revision: string;
  token?: string | undefined;
  allowedHosts: readonly string[];
}): SpecSource {
  const base = assertAllowedHost({ baseUrl: apiUrl, allowedHosts }).href.replace(/\/$/, "");
  const [owner = "", repo = ""] = repository.split("/");
  const repoPath = `${base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const headers: Record<string, string> = {
    "user-agent": "imagebuild-build-trigger",
    "x-github-api-version": "2022-11-28",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  return {
    description: `github:${repository}@${revision}`,
    readFile: (path) =>
      getText({
        url: `${repoPath}/contents/${encodePath(path)}?ref=${encodeURIComponent(revision)}`,
        headers: { ...headers, accept: "application/vnd.github.raw+json" },
      }),
    async listFiles(prefix) {
      const text = await getText({
        url: `${repoPath}/git/trees/${encodeURIComponent(revision)}?recursive=1`,
        headers: { ...headers, accept: "application/vnd.github+json" },
      });
      if (text === undefined) return [];
      const { tree } = TreeSchema.parse(JSON.parse(text));
      return tree
        .filter((entry) => entry.type === "blob" && entry.path.startsWith(prefix))
        .map((entry) => entry.path)
        .sort();
    },
  };
}

/**
 * Encodes each path segment, keeping the slashes the contents API expects.
 *
 * @example
 * encodePath("specs/a b/1.0.yaml") // "specs/a%20b/1.0.yaml"
 */
export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
