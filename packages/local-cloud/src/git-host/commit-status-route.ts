/** The three hosts' commit status APIs, as the git-host stand-in records them: one shape for all. */

/** A commit status as a git host received it, normalised across GitHub, GitLab and Codeup. */
export interface RecordedStatus {
  provider: "github" | "gitlab" | "codeup";
  /** The repository path or id the request named. */
  repository: string;
  sha: string;
  context: string;
  /** As the host spells it: GitHub/Codeup `pending|success|failure|error`, GitLab `pending|running|success|failed|canceled`. */
  state: string;
  description: string;
  targetUrl: string | undefined;
}

const GITHUB_STATES = new Set(["pending", "success", "failure", "error"]);
const GITLAB_STATES = new Set(["pending", "running", "success", "failed", "canceled", "skipped"]);
const CODEUP_STATES = GITHUB_STATES;

/**
 * Matches a status POST and returns the status, an error message (answered 422), or undefined when
 * the path is not a status API: GitHub `POST /repos/{owner}/{repo}/statuses/{sha}` (`state`,
 * `context`, `description`, `target_url`), GitLab `POST /api/v4/projects/{id}/statuses/{sha}`
 * (`state`, `name`, `description`, `target_url`, in the query or a JSON body) and Codeup
 * `POST /oapi/v1/codeup/organizations/{org}/repositories/{repo}/commits/{sha}/statuses`
 * (`state`, `context`, `description`, `targetUrl`).
 *
 * @example
 * const status = commitStatusRoute({ url, body: '{"state":"pending","context":"imagebuild/a:1.0"}' });
 */
export function commitStatusRoute({
  url,
  body,
}: {
  url: URL;
  body: string;
}): RecordedStatus | { error: string } | undefined {
  const github = /^\/repos\/([^/]+\/[^/]+)\/statuses\/([0-9a-f]{40})$/.exec(url.pathname);
  const gitlab = /^\/api\/v4\/projects\/([^/]+)\/statuses\/([0-9a-f]{40})$/.exec(url.pathname);
  const codeup =
    /^\/oapi\/v1\/codeup\/organizations\/[^/]+\/repositories\/([^/]+)\/commits\/([0-9a-f]{40})\/statuses$/.exec(
      url.pathname,
    );
  const match = github ?? gitlab ?? codeup;
  if (!match) return undefined;
  let json: Record<string, unknown> = {};
  try {
    json = body === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
  } catch {
    return { error: "body is not JSON" };
  }
  const field = (name: string): string | undefined => {
    const value = json[name] ?? url.searchParams.get(name) ?? undefined;
    return typeof value === "string" ? value : undefined;
  };
  const provider = github ? "github" : gitlab ? "gitlab" : "codeup";
  const state = field("state") ?? "";
  const allowed =
    provider === "github" ? GITHUB_STATES : provider === "gitlab" ? GITLAB_STATES : CODEUP_STATES;
  if (!allowed.has(state)) return { error: `state "${state}" is not one of ${[...allowed]}` };
  const context = (provider === "gitlab" ? field("name") : field("context")) ?? "default";
  return {
    provider,
    repository: decodeURIComponent(match[1] ?? ""),
    sha: match[2] ?? "",
    context,
    state,
    description: field("description") ?? "",
    targetUrl: provider === "codeup" ? field("targetUrl") : field("target_url"),
  };
}
