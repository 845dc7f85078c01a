/** GitLab: `X-Gitlab-Event` deliveries with an `X-Gitlab-Token`, files from the REST API (v4) at one commit. */
import type { SpecSource } from "@imagebuild/core";
import { validators } from "@imagebuild/schema";
import { z } from "zod";
import { envHttpUrl, envList, envOptional } from "../env-fields.ts";
import { SourceError } from "../errors.ts";
import { headerValue } from "../headers.ts";
import { verifyToken } from "../webhooks/verify-token.ts";
import {
  assertAllowedHost,
  assertPosted,
  getText,
  notFoundError,
  postJson,
} from "./fetch-allowed.ts";
import type { GitProvider } from "./git-provider.ts";
import { gitlabShapedPush } from "./gitlab-shaped-push.ts";

const TREE_PAGE_SIZE = 100;
const TREE_MAX_PAGES = 50;
const TreeSchema = z.array(z.object({ path: z.string(), type: z.string() }));
const TOKEN_HINT =
  "set IMAGEBUILD_GITLAB_TOKEN to a token with read_api (api to post commit statuses)";
const GITLAB_STATE = {
  pending: "pending",
  success: "success",
  failure: "failed",
  error: "failed",
} as const;
const BranchSchema = z.object({ commit: z.object({ id: z.string().regex(/^[0-9a-f]{40}$/) }) });

/**
 * GitLab as a `GitProvider`: the plain `X-Gitlab-Token` (constant time), `Push Hook` events,
 * `Idempotency-Key` (then `X-Gitlab-Event-UUID`) as the delivery key, and the project read by its
 * allow-listed path, never by the payload's `project_id` (a sender holding the token must not be
 * able to point the read at another project the function's token can see). Settings:
 * `IMAGEBUILD_GITLAB_WEBHOOK_TOKENS`, `IMAGEBUILD_GITLAB_API_URL`, `IMAGEBUILD_GITLAB_TOKEN`.
 *
 * @example
 * gitlabProvider.event({ "X-Gitlab-Event": "Push Hook" }) // { kind: "push" }
 */
export const gitlabProvider: GitProvider = {
  name: "gitlab",
  title: "GitLab",
  settings: z
    .object({
      IMAGEBUILD_GITLAB_WEBHOOK_TOKENS: envList,
      IMAGEBUILD_GITLAB_API_URL: envHttpUrl.optional(),
      IMAGEBUILD_GITLAB_TOKEN: envOptional,
    })
    .transform((env) => ({
      webhookSecrets: env.IMAGEBUILD_GITLAB_WEBHOOK_TOKENS,
      apiUrl:
        env.IMAGEBUILD_GITLAB_API_URL === undefined
          ? undefined
          : gitlabInstanceUrl(env.IMAGEBUILD_GITLAB_API_URL),
      token: env.IMAGEBUILD_GITLAB_TOKEN,
      options: {},
    })),
  detect: (headers) => headerValue(headers, "x-gitlab-event") !== undefined,
  verify: ({ headers, settings }) =>
    verifyToken({ token: headerValue(headers, "x-gitlab-token"), secrets: settings.webhookSecrets })
      ? undefined
      : "X-Gitlab-Token missing or wrong",
  event(headers) {
    const name = headerValue(headers, "x-gitlab-event") ?? "";
    return name === "Push Hook" ? { kind: "push" } : { kind: "other", name };
  },
  parsePush: (json, source) => gitlabShapedPush(validators.GitlabPush.parse(json, { source })),
  deliveryKey: (headers) =>
    headerValue(headers, "idempotency-key") ?? headerValue(headers, "x-gitlab-event-uuid"),
  source({ settings, repository, revision, allowedHosts }) {
    if (!settings.apiUrl) throw unsupported("IMAGEBUILD_GITLAB_API_URL is not set");
    return gitlabSource({
      apiUrl: settings.apiUrl,
      project: repository,
      revision,
      token: settings.token,
      allowedHosts,
    });
  },
  // POST /api/v4/projects/{id}/statuses/{sha}: `name` is the context; failure and error are `failed`.
  async postStatus({ settings, repository, sha, status, allowedHosts }) {
    if (!settings.apiUrl) throw unsupported("IMAGEBUILD_GITLAB_API_URL is not set");
    const base = assertAllowedHost({
      baseUrl: gitlabInstanceUrl(settings.apiUrl),
      allowedHosts,
    }).href.replace(/\/$/, "");
    const answer = await postJson({
      url: `${base}/api/v4/projects/${encodeURIComponent(repository)}/statuses/${encodeURIComponent(sha)}`,
      headers: settings.token ? { "private-token": settings.token } : {},
      body: {
        state: GITLAB_STATE[status.state],
        name: status.context,
        description: status.description,
        ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
      },
    });
    // GitLab refuses a repeat of the current state ("Cannot transition status via :enqueue from
    // :pending"): the status is already what we wanted.
    if (answer.status === 400 && answer.text.includes("Cannot transition status")) return;
    assertPosted({ answer, what: `gitlab status ${status.context} on ${repository}@${sha}` });
  },
  async resolveBranch({ settings, repository, branch, allowedHosts }) {
    if (!settings.apiUrl) throw unsupported("IMAGEBUILD_GITLAB_API_URL is not set");
    const base = assertAllowedHost({ baseUrl: settings.apiUrl, allowedHosts }).href.replace(
      /\/$/,
      "",
    );
    const text = await getText({
      url: `${base}/api/v4/projects/${encodeURIComponent(repository)}/repository/branches/${encodeURIComponent(branch)}`,
      headers: settings.token ? { "private-token": settings.token } : {},
    });
    return text === undefined ? undefined : BranchSchema.parse(JSON.parse(text)).commit.id;
  },
};

/**
 * GitLab's instance URL from either spelling people configure: the instance (`https://gitlab.example.com`)
 * or its documented API root (`https://gitlab.example.com/api/v4`), so the path is never doubled.
 *
 * @example
 * gitlabInstanceUrl("https://gitlab.example.com/api/v4/") // "https://gitlab.example.com"
 */
export function gitlabInstanceUrl(url: string): string {
  return url.replace(/\/+$/, "").replace(/\/api\/v4$/, "");
}

function unsupported(message: string): SourceError {
  return new SourceError({ code: "SOURCE_UNSUPPORTED", message });
}

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
  const base = assertAllowedHost({ baseUrl: gitlabInstanceUrl(apiUrl), allowedHosts }).href.replace(
    /\/$/,
    "",
  );
  const projectPath = `${base}/api/v4/projects/${encodeURIComponent(String(project))}/repository`;
  const headers: Record<string, string> = token ? { "private-token": token } : {};
  const hint = token ? "check that IMAGEBUILD_GITLAB_TOKEN can read the repository" : TOKEN_HINT;
  const ref = encodeURIComponent(revision);
  return {
    description: `gitlab:${project}@${revision}`,
    readFile: (path) =>
      getText({
        url: `${projectPath}/files/${encodeURIComponent(path)}/raw?ref=${ref}`,
        headers,
        hint,
      }),
    async listFiles(prefix) {
      const folder = prefix.replace(/\/$/, "");
      const files: string[] = [];
      for (let page = 1; page <= TREE_MAX_PAGES; page++) {
        const url = `${projectPath}/tree?path=${encodeURIComponent(folder)}&ref=${ref}&recursive=true&per_page=${TREE_PAGE_SIZE}&page=${page}`;
        const text = await getText({ url, headers, hint });
        // A private project read without a token answers 404 (so does a doubled /api/v4): an error.
        if (text === undefined && page === 1)
          throw notFoundError({ what: `gitlab tree of ${project}@${revision}`, hint });
        if (text === undefined) return files.sort();
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
