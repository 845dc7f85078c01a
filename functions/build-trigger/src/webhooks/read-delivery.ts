/** Turns a verified HTTP-trigger event into a push to build, a ping, or a reason to ignore or reject it. */
import { SchemaValidationError, validators } from "@imagebuild/schema";
import type { TriggerConfig } from "../config.ts";
import { type HttpEvent, rawBody } from "../events/http.ts";
import { headerValue } from "../headers.ts";
import { changedSpecPaths } from "./changed-spec-paths.ts";
import { verifyGithubSignature } from "./verify-github-signature.ts";
import { verifyToken } from "./verify-token.ts";

/** The git hosts the function accepts webhooks from. */
export type Provider = "github" | "gitlab" | "codeup";

/** A push to a configured repository and branch, with the spec files it changed. */
export interface PushDelivery {
  kind: "push";
  provider: Provider;
  /** Stable across redeliveries of the same event (GitHub delivery id, GitLab idempotency key, or content). */
  deliveryKey: string;
  repository: string;
  /** GitLab/Codeup numeric project id when the payload has one. */
  projectId: number | undefined;
  branch: string;
  before: string;
  after: string;
  build: string[];
  removed: string[];
  /** True when the payload's commit list is cut short (GitLab sends at most 20 commits). */
  truncated: boolean;
}

/** What `readDelivery` decides. */
export type Delivery =
  | PushDelivery
  | { kind: "ping"; provider: Provider }
  | { kind: "ignored"; provider: Provider; reason: string }
  | { kind: "unauthorized"; reason: string }
  | { kind: "invalid"; provider: Provider; error: SchemaValidationError };

const ZERO_SHA = /^0{40}$/;

/**
 * Verifies the event (GitHub HMAC over the raw body, GitLab/Codeup token) before reading any of it,
 * then parses the payload by schema and applies the repository and branch allow-lists.
 *
 * @example
 * const delivery = readDelivery({ event, config });
 * if (delivery.kind === "unauthorized") return { statusCode: 401, body: "…" };
 */
export function readDelivery({
  event,
  config,
}: {
  event: HttpEvent;
  config: TriggerConfig;
}): Delivery {
  const headers = event.headers;
  const body = rawBody(event);
  const githubEvent = headerValue(headers, "x-github-event");
  const gitlabEvent = headerValue(headers, "x-gitlab-event");
  const codeupEvent =
    headerValue(headers, "x-codeup-event") ?? headerValue(headers, "codeup-event");
  let provider: Provider;
  let eventName: string;
  if (githubEvent !== undefined) {
    provider = "github";
    eventName = githubEvent;
    const signature = headerValue(headers, "x-hub-signature-256");
    if (!verifyGithubSignature({ body, signature, secrets: config.githubSecrets })) {
      return {
        kind: "unauthorized",
        reason: signature ? "signature does not match" : "no X-Hub-Signature-256",
      };
    }
  } else if (gitlabEvent !== undefined) {
    provider = "gitlab";
    eventName = gitlabEvent;
    if (
      !verifyToken({ token: headerValue(headers, "x-gitlab-token"), secrets: config.gitlabTokens })
    ) {
      return { kind: "unauthorized", reason: "X-Gitlab-Token missing or wrong" };
    }
  } else if (codeupEvent !== undefined || headerValue(headers, "x-codeup-token") !== undefined) {
    provider = "codeup";
    eventName = codeupEvent ?? "";
    if (
      !verifyToken({ token: headerValue(headers, "x-codeup-token"), secrets: config.codeupTokens })
    ) {
      return { kind: "unauthorized", reason: "X-Codeup-Token missing or wrong" };
    }
  } else {
    return { kind: "unauthorized", reason: "no GitHub, GitLab or Codeup event header" };
  }

  if (provider === "github" && eventName === "ping") return { kind: "ping", provider };
  const isPush = provider === "github" ? eventName === "push" : eventName === "Push Hook";
  if (!isPush) return { kind: "ignored", provider, reason: `event "${eventName}" is not a push` };

  let json: unknown;
  try {
    // GitHub's "application/x-www-form-urlencoded" content type sends the JSON as a `payload` field;
    // the signature above covered the raw form body.
    const form = /^application\/x-www-form-urlencoded/i.test(
      headerValue(headers, "content-type") ?? "",
    );
    const text = form
      ? (new URLSearchParams(body.toString("utf8")).get("payload") ?? "")
      : body.toString("utf8");
    json = JSON.parse(text);
  } catch {
    const error = new SchemaValidationError({
      schema: "WebhookBody",
      source: "request body",
      issues: [
        {
          path: [],
          code: "invalid",
          message: "is not JSON (send application/json, or a form with a payload field)",
        },
      ],
    });
    return { kind: "invalid", provider, error };
  }
  const source = `${provider} push body`;
  let push: {
    ref: string;
    before: string;
    after: string;
    repository: string;
    projectId: number | undefined;
    commits: { added?: string[]; modified?: string[]; removed?: string[] }[];
    truncated: boolean;
    deleted: boolean;
  };
  try {
    if (provider === "github") {
      const payload = validators.GithubPush.parse(json, { source });
      push = {
        ...payload,
        repository: payload.repository.full_name,
        projectId: undefined,
        truncated: false,
        deleted: payload.deleted === true,
      };
    } else {
      const payload =
        provider === "gitlab"
          ? validators.GitlabPush.parse(json, { source })
          : validators.CodeupPush.parse(json, { source });
      const commits = payload.commits ?? [];
      push = {
        ref: payload.ref,
        before: payload.before,
        after: payload.after,
        repository:
          payload.project?.path_with_namespace ??
          repositoryFromUrl(payload.repository.git_http_url) ??
          "",
        projectId: payload.project_id,
        commits,
        truncated: (payload.total_commits_count ?? commits.length) > commits.length,
        deleted: false,
      };
    }
  } catch (error) {
    if (error instanceof SchemaValidationError) return { kind: "invalid", provider, error };
    throw error;
  }

  if (!push.ref.startsWith("refs/heads/"))
    return { kind: "ignored", provider, reason: `${push.ref} is not a branch` };
  const branch = push.ref.slice("refs/heads/".length);
  if (!config.allowedRepositories.includes(push.repository)) {
    return { kind: "ignored", provider, reason: `repository ${push.repository} is not configured` };
  }
  if (!config.allowedBranches.includes(branch)) {
    return { kind: "ignored", provider, reason: `branch ${branch} is not configured` };
  }
  if (push.deleted || ZERO_SHA.test(push.after))
    return { kind: "ignored", provider, reason: "branch deleted" };

  const hasFileLists = push.commits.some(
    (commit) => commit.added || commit.modified || commit.removed,
  );
  if (provider === "codeup" && !hasFileLists) {
    // Codeup documents no file lists; see docs/decisions/build-trigger-sources.md.
    return {
      kind: "ignored",
      provider,
      reason: "Codeup push without added/modified/removed lists: nothing to build",
    };
  }
  const { build, removed } = changedSpecPaths({ commits: push.commits, prefix: config.specPrefix });
  const deliveryKey =
    headerValue(headers, "x-github-delivery") ??
    headerValue(headers, "idempotency-key") ??
    headerValue(headers, "x-gitlab-event-uuid") ??
    `${provider}:${push.repository}:${push.ref}:${push.after}`;
  return {
    kind: "push",
    provider,
    deliveryKey,
    repository: push.repository,
    projectId: push.projectId,
    branch,
    before: push.before,
    after: push.after,
    build,
    removed,
    truncated: push.truncated,
  };
}

function repositoryFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).pathname.replace(/^\//, "").replace(/\.git$/, "");
  } catch {
    return undefined;
  }
}
