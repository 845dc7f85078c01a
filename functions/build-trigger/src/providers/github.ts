/** GitHub: `X-GitHub-Event` deliveries signed with `X-Hub-Signature-256`, files from the REST API at one commit. */
import type { SpecSource } from "@imagebuild/core";
import { validators } from "@imagebuild/schema";
import { z } from "zod";
import { envHttpUrl, envList, envOptional } from "../env-fields.ts";
import { headerValue } from "../headers.ts";
import { verifyGithubSignature } from "../webhooks/verify-github-signature.ts";
import {
  assertAllowedHost,
  assertPosted,
  getText,
  notFoundError,
  postJson,
} from "./fetch-allowed.ts";
import type { GitProvider } from "./git-provider.ts";

const DEFAULT_API_URL = "https://api.github.com";
const USER_AGENT = "imagebuild-build-trigger";
const TOKEN_HINT =
  "set IMAGEBUILD_GITHUB_TOKEN to a token that can read contents (and write commit statuses)";

const TreeSchema = z.object({
  truncated: z.boolean().optional(),
  tree: z.array(z.object({ path: z.string(), type: z.string() })),
});

/**
 * GitHub as a `GitProvider`: HMAC over the raw body (several secrets), `push` and `ping` events,
 * `X-GitHub-Delivery` as the delivery key, the contents API for files and `commits/{branch}` for
 * timer branches. Settings: `IMAGEBUILD_GITHUB_WEBHOOK_SECRETS`, `IMAGEBUILD_GITHUB_API_URL`,
 * `IMAGEBUILD_GITHUB_TOKEN`.
 *
 * @example
 * githubProvider.detect({ "X-GitHub-Event": "push" }) // true
 */
export const githubProvider: GitProvider = {
  name: "github",
  title: "GitHub",
  settings: z
    .object({
      IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: envList,
      IMAGEBUILD_GITHUB_API_URL: envHttpUrl.default(DEFAULT_API_URL),
      IMAGEBUILD_GITHUB_TOKEN: envOptional,
    })
    .transform((env) => ({
      webhookSecrets: env.IMAGEBUILD_GITHUB_WEBHOOK_SECRETS,
      apiUrl: env.IMAGEBUILD_GITHUB_API_URL,
      token: env.IMAGEBUILD_GITHUB_TOKEN,
      options: {},
    })),
  detect: (headers) => headerValue(headers, "x-github-event") !== undefined,
  verify({ headers, body, settings }) {
    const signature = headerValue(headers, "x-hub-signature-256");
    if (verifyGithubSignature({ body, signature, secrets: settings.webhookSecrets }))
      return undefined;
    return signature ? "signature does not match" : "no X-Hub-Signature-256";
  },
  event(headers) {
    const name = headerValue(headers, "x-github-event") ?? "";
    return name === "push" || name === "ping" ? { kind: name } : { kind: "other", name };
  },
  parsePush(json, source) {
    const payload = validators.GithubPush.parse(json, { source });
    return {
      ref: payload.ref,
      before: payload.before,
      after: payload.after,
      repository: payload.repository.full_name,
      commits: payload.commits,
      truncated: false,
      deleted: payload.deleted === true,
    };
  },
  deliveryKey: (headers) => headerValue(headers, "x-github-delivery"),
  source: ({ settings, repository, revision, allowedHosts }) =>
    githubSource({
      apiUrl: settings.apiUrl ?? DEFAULT_API_URL,
      repository,
      revision,
      token: settings.token,
      allowedHosts,
    }),
  // POST /repos/{owner}/{repo}/statuses/{sha}; GitHub keeps the latest per context, so a repeat is harmless.
  async postStatus({ settings, repository, sha, status, allowedHosts }) {
    const apiUrl = settings.apiUrl ?? DEFAULT_API_URL;
    const base = assertAllowedHost({ baseUrl: apiUrl, allowedHosts }).href.replace(/\/$/, "");
    const answer = await postJson({
      url: `${base}/repos/${encodePath(repository)}/statuses/${encodeURIComponent(sha)}`,
      headers: {
        accept: "application/vnd.github+json",
        "user-agent": USER_AGENT,
        "x-github-api-version": "2022-11-28",
        ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
      },
      body: {
        state: status.state,
        context: status.context,
        description: status.description,
        ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
      },
    });
    assertPosted({ answer, what: `github status ${status.context} on ${repository}@${sha}` });
  },
  async resolveBranch({ settings, repository, branch, allowedHosts }) {
    const apiUrl = settings.apiUrl ?? DEFAULT_API_URL;
    const base = assertAllowedHost({ baseUrl: apiUrl, allowedHosts }).href.replace(/\/$/, "");
    const sha = await getText({
      url: `${base}/repos/${encodePath(repository)}/commits/${encodeURIComponent(branch)}`,
      headers: {
        accept: "application/vnd.github.sha",
        "user-agent": USER_AGENT,
        ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
      },
    });
    return sha?.trim();
  },
};

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
    "user-agent": USER_AGENT,
    "x-github-api-version": "2022-11-28",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const hint = token ? "check that IMAGEBUILD_GITHUB_TOKEN can read contents" : TOKEN_HINT;
  return {
    description: `github:${repository}@${revision}`,
    readFile: (path) =>
      getText({
        url: `${repoPath}/contents/${encodePath(path)}?ref=${encodeURIComponent(revision)}`,
        headers: { ...headers, accept: "application/vnd.github.raw+json" },
        hint,
      }),
    async listFiles(prefix) {
      const text = await getText({
        url: `${repoPath}/git/trees/${encodeURIComponent(revision)}?recursive=1`,
        headers: { ...headers, accept: "application/vnd.github+json" },
        hint,
      });
      // GitHub answers 404, not 403, for a private repository it will not show: never "no specs".
      if (text === undefined)
        throw notFoundError({ what: `github tree of ${repository}@${revision}`, hint });
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
