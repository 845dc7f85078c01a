/** Turns a verified HTTP-trigger event into a push to build, a ping, or a reason to ignore or reject it. */
import { SchemaValidationError } from "@imagebuild/schema";
import type { TriggerConfig } from "../config.ts";
import { type HttpEvent, rawBody } from "../events/http.ts";
import type { ParsedPush } from "../providers/git-provider.ts";
import { detectProvider, providerSettings, providerTitles } from "../providers/index.ts";
import { changedSpecPaths } from "./changed-spec-paths.ts";
import { parseWebhookJson } from "./parse-webhook-json.ts";
import { branchOf, pushIgnoredReason } from "./push-ignored-reason.ts";

/** A push to a configured repository and branch, with the spec files it changed. */
export interface PushDelivery {
  kind: "push";
  /** The git provider's registry name (`github`, `gitlab`, `codeup`). */
  provider: string;
  /** Stable across redeliveries of the same event (the host's delivery id, or the content). */
  deliveryKey: string;
  /** The allow-listed repository path; the only payload value that chooses what is read. */
  repository: string;
  branch: string;
  before: string;
  after: string;
  build: string[];
  removed: string[];
  /** True when the payload's commit list is cut short (GitLab sends at most 20 commits). */
  truncated: boolean;
  /**
   * True when the payload has no file lists (Codeup's documented push): `build` and `removed` are
   * empty until `completePush` asks the provider's `changedFiles` for `before..after`.
   */
  compare: boolean;
}

/** What `readDelivery` decides. */
export type Delivery =
  | PushDelivery
  | { kind: "ping"; provider: string }
  | { kind: "ignored"; provider: string; reason: string }
  | { kind: "unauthorized"; reason: string }
  | { kind: "invalid"; provider: string; error: SchemaValidationError };

/**
 * Finds the git provider by its headers and has it verify the event (signature or token) before
 * anything is parsed, then parses the push by the provider's schema and applies the repository and
 * branch allow-lists.
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
  const provider = detectProvider(headers);
  if (!provider) return { kind: "unauthorized", reason: `no ${providerTitles()} event header` };
  const body = rawBody(event);
  const rejected = provider.verify({ headers, body, settings: providerSettings(config, provider) });
  if (rejected) return { kind: "unauthorized", reason: rejected };
  const name = provider.name;
  const kind = provider.event(headers);
  if (kind.kind === "ping") return { kind: "ping", provider: name };
  if (kind.kind === "other")
    return { kind: "ignored", provider: name, reason: `event "${kind.name}" is not a push` };
  let push: ParsedPush;
  try {
    push = provider.parsePush(parseWebhookJson({ body, headers }), `${name} push body`);
  } catch (error) {
    if (error instanceof SchemaValidationError) return { kind: "invalid", provider: name, error };
    throw error;
  }
  const ignored = pushIgnoredReason({ push, config }) ?? provider.ignorePush?.(push);
  if (ignored) return { kind: "ignored", provider: name, reason: ignored };
  const listed = push.commits.some((commit) => commit.added || commit.modified || commit.removed);
  const compare = !listed && provider.changedFiles !== undefined;
  if (compare && /^0{40}$/.test(push.before))
    return {
      kind: "ignored",
      provider: name,
      reason: `${provider.title} push creating ${push.ref} has no file lists and no base commit to compare; push again to build`,
    };
  const { build, removed } = changedSpecPaths({ commits: push.commits, prefix: config.specPrefix });
  return {
    kind: "push",
    provider: name,
    deliveryKey:
      provider.deliveryKey(headers) ?? `${name}:${push.repository}:${push.ref}:${push.after}`,
    repository: push.repository,
    branch: branchOf(push.ref) ?? push.ref,
    before: push.before,
    after: push.after,
    build,
    removed,
    truncated: push.truncated,
    compare,
  };
}
