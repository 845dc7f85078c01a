/** Spec files from the GitLab REST API (v4) at one exact commit: raw files and the repository tree. */
import type { SpecSource } from "@imagebuild/core";
import { z } from "zod";
import { SourceError } from "../errors.ts";
import { assertAllowedHost } from "./fetch-allowed.ts";
import { getText } from "./fetch-allowed.ts";

const TREE_PAGE_SIZE = 100;
const TREE_MAX_PAGES = 50;
const TreeSchema = z.array(z.object({ path: z.string(), type: z.string() }));

/**
 * A `SpecSource` reading `project` (numeric id or `group/name`) at `revision` through
 * `GET /api/v4/projects/{id}/repository/files/{path}/raw?ref={sha}` with a `PRIVATE-TOKEN`.
 *
 * @example
 * const source = gitlabSource({ apiUrl: "https://gitlab.example.com", project: 42, revision: after, token, allowedHosts });
 */
export function gitlabSource({
  apiUrl,
  project,
  revision,
  token,
  allowedHosts,
}: {
  apiUrl: string;
  project: string | number;
  revision: string;
  token?: string | undefined;
  allowedHosts: readonly string[];
}): SpecSource {
  const base = assertAllowedHost({ baseUrl: apiUrl, allowedHosts }).href.replace(/\/$/, "");
  const projectPath = `${base}/api/v4/projects/${encodeURIComponent(String(project))}/repository`;
  const headers: Record<string, string> = token ? { "private-token": token } : {};
  const ref = encodeURIComponent(revision);
  return {
    description: `gitlab:${project}@${revision}`,
    readFile: (path) =>
      getText({ url: `${projectPath}/files/${encodeURIComponent(path)}/raw?ref=${ref}`, headers }),
    async listFiles(prefix) {
      const folder = prefix.replace(/\/$/, "");
      const files: string[] = [];
      for (let page = 1; page <= TREE_MAX_PAGES; page++) {
        const url = `${projectPath}/tree?path=${encodeURIComponent(folder)}&ref=${ref}&recursive=true&per_page=${TREE_PAGE_SIZE}&page=${page}`;
        const text = await getText({ url, headers });
        if (text === undefined) return files;
        const entries = TreeSchema.parse(JSON.parse(text));
        for (const entry of entries) {
          if (entry.type === "blob" && entry.path.startsWith(prefix)) files.push(entry.path);
        }
        if (entries.length < TREE_PAGE_SIZE) return files.sort();
      }
      throw new SourceError({
        code: "SOURCE_HTTP",
        message: `gitlab tree of ${folder} has more than ${TREE_PAGE_SIZE * TREE_MAX_PAGES} entries`,
      });
    },
  };
}
