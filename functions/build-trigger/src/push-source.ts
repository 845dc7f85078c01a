/** Picks where a push's spec files are read from (the provider's API), and which files it changed. */
import type { SpecSource } from "@imagebuild/core";
import type { TriggerConfig } from "./config.ts";
import { SourceError } from "./errors.ts";
import { findProvider, providerSettings } from "./providers/index.ts";
import { changedSpecPaths } from "./webhooks/changed-spec-paths.ts";
import type { PushDelivery } from "./webhooks/read-delivery.ts";

/**
 * The push with its `build` and `removed` lists filled in: as delivered when the payload listed
 * files, else from the provider's `changedFiles` between `before` and `after` (Codeup's compare API).
 * A failed comparison throws `SourceError`, which the caller answers as an error, never a skip.
 *
 * @example
 * const complete = await completePush({ push, config });
 */
export async function completePush({
  push,
  config,
}: {
  push: PushDelivery;
  config: TriggerConfig;
}): Promise<PushDelivery> {
  if (!push.compare) return push;
  const provider = requireProvider(push.provider);
  if (!provider.changedFiles) return push;
  const commits = await provider.changedFiles({
    settings: providerSettings(config, provider),
    repository: push.repository,
    before: push.before,
    after: push.after,
    allowedHosts: config.allowedSourceHosts,
  });
  const { build, removed } = changedSpecPaths({ commits, prefix: config.specPrefix });
  return { ...push, build, removed, compare: false };
}

function requireProvider(name: string) {
  const provider = findProvider(name);
  if (!provider)
    throw new SourceError({ code: "SOURCE_UNSUPPORTED", message: `no git provider ${name}` });
  return provider;
}

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
  const provider = requireProvider(push.provider);
  return provider.source({
    settings: providerSettings(config, provider),
    repository: push.repository,
    revision,
    allowedHosts: config.allowedSourceHosts,
    knownFiles: push.build,
  });
}
