/** Picks where a push's spec files are read from: the provider's API. */
import type { SpecSource } from "@imagebuild/core";
import type { TriggerConfig } from "./config.ts";
import { SourceError } from "./errors.ts";
import { findProvider, providerSettings } from "./providers/index.ts";
import type { PushDelivery } from "./webhooks/read-delivery.ts";

/**
 * The source of the pushed commit `after`, through the push's git provider. API base URLs come from
 * configuration and must be on the allow-list; the payload contributes only the allow-listed
 * repository path, the sha and the file names.
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
  const provider = findProvider(push.provider);
  if (!provider) {
    throw new SourceError({
      code: "SOURCE_UNSUPPORTED",
      message: `no git provider ${push.provider}`,
    });
  }
  return provider.source({
    settings: providerSettings(config, provider),
    repository: push.repository,
    revision,
    allowedHosts: config.allowedSourceHosts,
    knownFiles: push.build,
  });
}
