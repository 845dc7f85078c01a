/** The one contract every git host module implements: webhook in (detect, verify, parse), spec source out. */
import type { SpecSource } from "@imagebuild/core";
import type { z } from "zod";
import type { CommitStatus } from "../report/commit-status.ts";
import type { CommitFiles } from "../webhooks/changed-spec-paths.ts";

/** The header map of a Function Compute HTTP event (read with `headerValue`, any casing). */
export type WebhookHeaders = Readonly<Record<string, string | undefined>> | undefined;

/** A provider's own settings, parsed from its `IMAGEBUILD_<HOST>_*` variables. */
export interface GitProviderSettings {
  /** Webhook secrets or tokens; any one verifies, so a secret can be rotated. */
  webhookSecrets: string[];
  /** API base URL, from configuration only: nothing in a payload chooses a host. */
  apiUrl: string | undefined;
  /** API token for private repositories. */
  token: string | undefined;
  /** Host-specific values (Codeup's `organizationId`). */
  options: Readonly<Record<string, string | undefined>>;
}

/** What the host says the delivery is. */
export type WebhookEvent = { kind: "push" | "ping" } | { kind: "other"; name: string };

/** A push payload reduced to what the function reads, whatever the host. */
export interface ParsedPush {
  ref: string;
  before: string;
  after: string;
  /** The repository path (`owner/name`, `group/name`) that the allow-list checks and reads use. */
  repository: string;
  commits: readonly CommitFiles[];
  /** True when the payload's commit list is cut short (GitLab sends at most 20 commits). */
  truncated: boolean;
  deleted: boolean;
}

/**
 * One git host. Register it in `providers/index.ts`; nothing else needs to know its name.
 *
 * @example
 * const reason = githubProvider.verify({ headers, body, settings }); // undefined when verified
 */
export interface GitProvider {
  /** Registry key, delivery `provider` field and timer-source scheme (`github:<repo>@<branch>`). */
  name: string;
  /** How people write it ("GitHub"), for messages. */
  title: string;
  /** Parses the provider's variables (keys are the variable names, so errors name them). */
  settings: z.ZodType<GitProviderSettings>;
  /** True when the headers show a delivery from this host. */
  detect(headers: WebhookHeaders): boolean;
  /** Undefined when the signature or token verifies, otherwise why not (answered 401). */
  verify(input: {
    headers: WebhookHeaders;
    body: Buffer;
    settings: GitProviderSettings;
  }): string | undefined;
  event(headers: WebhookHeaders): WebhookEvent;
  /** Parses the push payload by the host's schema; throws `SchemaValidationError` naming the field. */
  parsePush(json: unknown, source: string): ParsedPush;
  /** A reason to build nothing that only this host has. */
  ignorePush?(push: ParsedPush): string | undefined;
  /**
   * The files `before..after` changed, for hosts whose push payload carries no file lists (Codeup):
   * one `CommitFiles` for the whole range. Called only when no commit of the push has lists.
   */
  changedFiles?(input: {
    settings: GitProviderSettings;
    repository: string;
    before: string;
    after: string;
    allowedHosts: readonly string[];
  }): Promise<CommitFiles[]>;
  /** The host's delivery id, stable across redeliveries; undefined to key on the content. */
  deliveryKey(headers: WebhookHeaders): string | undefined;
  /** The files of `repository` at the exact commit `revision`, from the allow-listed API. */
  source(input: {
    settings: GitProviderSettings;
    repository: string;
    revision: string;
    allowedHosts: readonly string[];
    /** The spec files the push names, for hosts that cannot list a tree. */
    knownFiles: readonly string[];
  }): SpecSource;
  /**
   * Posts one commit status on `sha` through the allow-listed API with the provider's token; throws
   * `SourceError` when the host refuses it (the reporter logs it and goes on).
   */
  postStatus(input: {
    settings: GitProviderSettings;
    repository: string;
    sha: string;
    status: CommitStatus;
    allowedHosts: readonly string[];
  }): Promise<void>;
  /** The commit a branch points at now (undefined if none), so one timer tick reads one revision. */
  resolveBranch?(input: {
    settings: GitProviderSettings;
    repository: string;
    branch: string;
    allowedHosts: readonly string[];
  }): Promise<string | undefined>;
}
