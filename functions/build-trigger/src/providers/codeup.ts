/** Codeup (Yunxiao): `Codeup-Event` deliveries with an `X-Codeup-Token`, changed files from `GetCompare`, files from `GetFileBlobs`. */
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
import type { GitProvider, WebhookHeaders } from "./git-provider.ts";
import { gitlabShapedPush } from "./gitlab-shaped-push.ts";

const TOKEN_HINT =
  "set IMAGEBUILD_CODEUP_TOKEN to a personal access token with code read (and commit status read/write)";
const CODEUP_CONTEXT_MAX_CHARS = 50;
const CompareSchema = z.object({
  diffs: z
    .array(
      z.object({
        newPath: z.string().optional(),
        oldPath: z.string().optional(),
        newFile: z.boolean().optional(),
        deletedFile: z.boolean().optional(),
        renamedFile: z.boolean().optional(),
      }),
    )
    .default([]),
});

/**
 * Codeup as a `GitProvider`: the plain `X-Codeup-Token`, `Push Hook` events under either header
 * spelling (`Codeup-Event` as documented, `X-Codeup-Event`), no documented delivery id (the key is
 * the content), and the changed files of a push without file lists (the documented payload has
 * none) from `GetCompare` between `before` and `after`. Files are read by the allow-listed repository path
 * (`GetFileBlobs` takes "the id or the URL-encoded full path"), never by the payload's
 * `project_id`. No branch resolution: a timer cannot read Codeup. Settings:
 * `IMAGEBUILD_CODEUP_WEBHOOK_TOKENS`, `IMAGEBUILD_CODEUP_API_URL`,
 * `IMAGEBUILD_CODEUP_ORGANIZATION_ID`, `IMAGEBUILD_CODEUP_TOKEN`.
 *
 * @example
 * codeupProvider.detect({ "Codeup-Event": "Push Hook" }) // true
 */
export const codeupProvider: GitProvider = {
  name: "codeup",
  title: "Codeup",
  settings: z
    .object({
      IMAGEBUILD_CODEUP_WEBHOOK_TOKENS: envList,
      IMAGEBUILD_CODEUP_API_URL: envHttpUrl.optional(),
      IMAGEBUILD_CODEUP_ORGANIZATION_ID: envOptional,
      IMAGEBUILD_CODEUP_TOKEN: envOptional,
    })
    .transform((env) => ({
      webhookSecrets: env.IMAGEBUILD_CODEUP_WEBHOOK_TOKENS,
      apiUrl: env.IMAGEBUILD_CODEUP_API_URL,
      token: env.IMAGEBUILD_CODEUP_TOKEN,
      options: { organizationId: env.IMAGEBUILD_CODEUP_ORGANIZATION_ID },
    })),
  detect: (headers) =>
    eventName(headers) !== undefined || headerValue(headers, "x-codeup-token") !== undefined,
  verify: ({ headers, settings }) =>
    verifyToken({ token: headerValue(headers, "x-codeup-token"), secrets: settings.webhookSecrets })
      ? undefined
      : "X-Codeup-Token missing or wrong",
  event(headers) {
    const name = eventName(headers) ?? "";
    return name === "Push Hook" ? { kind: "push" } : { kind: "other", name };
  },
  parsePush: (json, source) => gitlabShapedPush(validators.CodeupPush.parse(json, { source })),
  deliveryKey: () => undefined,
  async changedFiles({ settings, repository, before, after, allowedHosts }) {
    const { apiUrl, organizationId } = required(settings);
    const repoPath = codeupRepositoryPath({ apiUrl, organizationId, repository, allowedHosts });
    // straight=true: the changes of exactly before..after, not against a merge base.
    const text = await getText({
      url: `${repoPath}/compares?from=${encodeURIComponent(before)}&to=${encodeURIComponent(after)}&straight=true`,
      headers: settings.token ? { "x-yunxiao-token": settings.token } : {},
      hint: settings.token ? "check that IMAGEBUILD_CODEUP_TOKEN can read code" : TOKEN_HINT,
    });
    if (text === undefined)
      throw notFoundError({
        what: `codeup compare ${repository} ${before.slice(0, 12)}..${after.slice(0, 12)}`,
        hint: TOKEN_HINT,
      });
    const added: string[] = [];
    const modified: string[] = [];
    const removed: string[] = [];
    for (const diff of CompareSchema.parse(JSON.parse(text)).diffs) {
      if (diff.deletedFile) {
        if (diff.oldPath ?? diff.newPath) removed.push(diff.oldPath ?? diff.newPath ?? "");
        continue;
      }
      if (diff.renamedFile && diff.oldPath) removed.push(diff.oldPath);
      if (!diff.newPath) continue;
      (diff.newFile || diff.renamedFile ? added : modified).push(diff.newPath);
    }
    return [{ added, modified, removed }];
  },
  // CreateCommitStatus: POST …/repositories/{repo}/commits/{sha}/statuses; `context` at most 50 characters.
  async postStatus({ settings, repository, sha, status, allowedHosts }) {
    const { apiUrl, organizationId } = required(settings);
    const repoPath = codeupRepositoryPath({ apiUrl, organizationId, repository, allowedHosts });
    const answer = await postJson({
      url: `${repoPath}/commits/${encodeURIComponent(sha)}/statuses`,
      headers: settings.token ? { "x-yunxiao-token": settings.token } : {},
      body: {
        context: status.context.slice(0, CODEUP_CONTEXT_MAX_CHARS),
        description: status.description,
        state: status.state,
        ...(status.targetUrl ? { targetUrl: status.targetUrl } : {}),
      },
    });
    assertPosted({ answer, what: `codeup status ${status.context} on ${repository}@${sha}` });
  },
  source({ settings, repository, revision, allowedHosts, knownFiles }) {
    const { apiUrl, organizationId } = required(settings);
    return codeupSource({
      apiUrl,
      organizationId,
      repository,
      revision,
      token: settings.token,
      allowedHosts,
      knownFiles,
    });
  },
};

function required(settings: { apiUrl: string | undefined; options: Record<string, unknown> }): {
  apiUrl: string;
  organizationId: string;
} {
  const organizationId = settings.options.organizationId;
  if (!settings.apiUrl || typeof organizationId !== "string" || organizationId === "") {
    throw new SourceError({
      code: "SOURCE_UNSUPPORTED",
      message: "IMAGEBUILD_CODEUP_API_URL and IMAGEBUILD_CODEUP_ORGANIZATION_ID are not set",
    });
  }
  return { apiUrl: settings.apiUrl, organizationId };
}

/**
 * `<api>/oapi/v1/codeup/organizations/{org}/repositories/{repo}`, the host checked against the allow-list.
 *
 * @example
 * codeupRepositoryPath({ apiUrl, organizationId: "org1", repository: "acme/images", allowedHosts })
 */
export function codeupRepositoryPath({
  apiUrl,
  organizationId,
  repository,
  allowedHosts,
}: {
  apiUrl: string;
  organizationId: string;
  repository: string;
  allowedHosts: readonly string[];
}): string {
  const base = assertAllowedHost({ baseUrl: apiUrl, allowedHosts }).href.replace(/\/$/, "");
  return `${base}/oapi/v1/codeup/organizations/${encodeURIComponent(organizationId)}/repositories/${encodeURIComponent(repository)}`;
}

function eventName(headers: WebhookHeaders): string | undefined {
  return headerValue(headers, "x-codeup-event") ?? headerValue(headers, "codeup-event");
}

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
  const repoPath = codeupRepositoryPath({ apiUrl, organizationId, repository, allowedHosts });
  const headers: Record<string, string> = token ? { "x-yunxiao-token": token } : {};
  const hint = token ? "check that IMAGEBUILD_CODEUP_TOKEN can read code" : TOKEN_HINT;
  const known = new Set(knownFiles);
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
      hint,
    });
    // A file the push changed must exist at its commit: a 404 is an unreadable repository, not "absent".
    if (text === undefined && known.has(path))
      throw notFoundError({ what: `codeup file ${path} of ${repository}@${revision}`, hint });
    if (text === undefined) return undefined;
    const blob = BlobSchema.parse(JSON.parse(text));
    return blob.encoding === "base64"
      ? Buffer.from(blob.content, "base64").toString("utf8")
      : blob.content;
  }
}
