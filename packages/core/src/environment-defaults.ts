/** Values an environment gives every spec from outside the specs folder (the CLI's imagebuild.config.yaml, a running local service). */
import type { Spec } from "@imagebuild/schema";

/** What one environment supplies beneath every spec layer; a spec's or `_defaults.yaml`'s own value wins. */
export interface EnvironmentDefault {
  /** The spec's `registry` (host and namespace), e.g. `127.0.0.1:5000/pai`. */
  registry?: string | undefined;
  /** The spec's `build.WorkspaceId`. */
  workspaceId?: string | undefined;
}

/** Environment name → its defaults, e.g. `{ local: { registry: "127.0.0.1:5000/pai", workspaceId: "local" } }`. */
export type EnvironmentDefaults = Readonly<Record<string, EnvironmentDefault | undefined>>;

/**
 * The spec layer an environment default stands for: the fields it sets, in spec shape, so it merges
 * beneath the root `_defaults.yaml` like any other layer. An environment with no default gives `{}`.
 *
 * @example
 * environmentDefaultLayer({ local: { registry: "127.0.0.1:5000/pai", workspaceId: "local" } }, "local")
 * // { registry: "127.0.0.1:5000/pai", build: { WorkspaceId: "local" } }
 */
export function environmentDefaultLayer(
  defaults: EnvironmentDefaults,
  env: string,
): Partial<Pick<Spec, "registry" | "build">> {
  // An own property only: an environment named like an Object.prototype key must not inherit one.
  const given = Object.hasOwn(defaults, env) ? defaults[env] : undefined;
  const layer: Partial<Pick<Spec, "registry" | "build">> = {};
  if (given?.registry) layer.registry = given.registry;
  if (given?.workspaceId) layer.build = { WorkspaceId: given.workspaceId };
  return layer;
}
