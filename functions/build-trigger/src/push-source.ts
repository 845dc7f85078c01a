/** Picks where a push's spec files are read from: the provider's API. */
import type { SpecSource } from "@imagebuild/core";
import type { TriggerConfig } from "./config.ts";
import { SourceError } from "./errors.ts";
import { codeupSource } from "./sources/codeup-source.ts";
import { githubSource } from "./sources/github-source.ts";
import { gitlabSource } from "./sources/gitlab-source.ts";
import type { PushDelivery } from "./webhooks/read-delivery.ts";

/**
 * The source of the pushed commit `after`. API base URLs come from configuration and must be on the
 * allow-list; nothing from the payload chooses a host.
 *
 * @example
 * const source = pushSource({ push, config });
 */
export function pushSource({
  push,
  config,
}: {
  push: PushDelivery;
  config: TriggerConfig;
}): SpecSource {
  const revision = push.after;
  const allowedHosts = config.allowedSourceHosts;
  if (push.provider === "github") {
    return githubSource({
      apiUrl: config.githubApiUrl,
      repository: push.repository,
      revision,
      token: config.githubToken,
      allowedHosts,
    });
  }
  if (push.provider === "gitlab") {
    if (!config.gitlabApiUrl) throw unsupported("IMAGEBUILD_GITLAB_API_URL is not set");
    // The allow-listed path, not the payload's project_id: a sender holding the token must not be
    // able to point the read at another project the function's GitLab token can see.
    return gitlabSource({
      apiUrl: config.gitlabApiUrl,
      project: push.repository,
      revision,
      token: config.gitlabToken,
      allowedHosts,
    });
  }
  if (!config.codeupApiUrl || !config.codeupOrganizationId) {
    throw unsupported(
      "IMAGEBUILD_CODEUP_API_URL and IMAGEBUILD_CODEUP_ORGANIZATION_ID are not set",
    );
  }
  return codeupSource({
    apiUrl: config.codeupApiUrl,
    organizationId: config.codeupOrganizationId,
    repository: push.projectId !== undefined ? String(push.projectId) : push.repository,
    revision,
    token: config.codeupToken,
    allowedHosts,
    knownFiles: push.build,
  });
}

function unsupported(message: string): SourceError {
  return new SourceError({ code: "SOURCE_UNSUPPORTED", message });
}
