/** GitLab's push payload shape, which Codeup's push webhook reuses: the mapping both providers share. */
import type { ParsedPush } from "./git-provider.ts";
import { repositoryFromUrl } from "./repository-from-url.ts";

/** The fields of a GitLab-shaped push payload that a push is read from. */
export interface GitlabShapedPayload {
  ref: string;
  before: string;
  after: string;
  project?: { path_with_namespace?: string | undefined } | undefined;
  repository: { git_http_url?: string | undefined };
  commits?: ParsedPush["commits"] | undefined;
  total_commits_count?: number | undefined;
}

/**
 * The push of a GitLab-shaped payload (already parsed by its provider's schema): the repository by
 * its project path, else from its clone URL; truncated when the payload lists fewer commits than it counts.
 *
 * @example
 * gitlabShapedPush(validators.GitlabPush.parse(json, { source }))
 */
export function gitlabShapedPush(payload: GitlabShapedPayload): ParsedPush {
  const commits = payload.commits ?? [];
  return {
    ref: payload.ref,
    before: payload.before,
    after: payload.after,
    repository:
      payload.project?.path_with_namespace ??
      repositoryFromUrl(payload.repository.git_http_url) ??
      "",
    commits,
    truncated: (payload.total_commits_count ?? commits.length) > commits.length,
    deleted: false,
  };
}
