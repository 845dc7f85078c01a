/** Layers a version file over its `_defaults.yaml` chain and, when asked, one environment overlay. */
import type { Spec } from "@imagebuild/schema";
import type { CheckedFile } from "./check-spec-file.ts";
import { type EnvironmentDefaults, environmentDefaultLayer } from "./environment-defaults.ts";
import { isPlainObject, mergeLayers, valueAtPath } from "./merge-layers.ts";
import type { ParsedYaml } from "./parsed-yaml.ts";

/** One file's contribution to a layered spec, kept so a problem can point at the file that set a field. */
export interface SpecLayer {
  parsed: ParsedYaml;
  /** Where the merged root lives inside this file: [] or ["environments", env]. */
  prefix: string[];
}

/** A layered spec, or `notInEnv` when no layer defines the requested environment. */
export type LayeredSpec =
  | {
      notInEnv?: false;
      spec: Spec;
      /** Root first, then each environment overlay in the same order. */
      layers: SpecLayer[];
      /** The merged `environments` map (names are what `--env` may choose). */
      environments: Record<string, unknown>;
    }
  | { notInEnv: true };

/**
 * Merges `defaults` (root first) and `self`, then the `env` overlay of every layer that defines it.
 * `environmentDefaults` lie beneath all of them: they fill `registry` and `build.WorkspaceId` only
 * where no file sets them, and never make a spec part of an environment its files do not define.
 *
 * @example
 * const layered = layerSpec({ defaults, self, env: "local", environmentDefaults: { local: { workspaceId: "local" } } });
 * if (!layered.notInEnv) layered.spec.build?.WorkspaceId;
 */
export function layerSpec({
  defaults,
  self,
  env,
  environmentDefaults = {},
}: {
  defaults: CheckedFile[];
  self: CheckedFile;
  env: string | undefined;
  environmentDefaults?: EnvironmentDefaults | undefined;
}): LayeredSpec {
  const files = [...defaults, self];
  const layers: SpecLayer[] = files.map((checked) => ({ parsed: checked.parsed, prefix: [] }));
  let merged = mergeLayers(mergedDefaults(defaults), self.parsed.value) as Record<string, unknown>;
  const environments = withEnvironmentDefaults(
    isPlainObject(merged.environments) ? merged.environments : {},
    environmentDefaults,
  );
  if (env !== undefined) {
    // A spec is built in an environment only if one of its layers defines it (see the README).
    if (!(env in environments)) return { notInEnv: true };
    for (const checked of files) {
      if (valueAtPath(checked.parsed.value, ["environments", env]) !== undefined) {
        layers.push({ parsed: checked.parsed, prefix: ["environments", env] });
      }
    }
    const overlaid = mergeLayers(merged, valueAtPath(merged, ["environments", env]));
    const beneath = environmentDefaultLayer(environmentDefaults, env);
    // With nothing beneath, the merge would only copy the overlaid spec.
    merged = (
      beneath.registry === undefined && beneath.build === undefined
        ? overlaid
        : mergeLayers(beneath, overlaid)
    ) as Record<string, unknown>;
  }
  return { spec: merged as unknown as Spec, layers, environments };
}

// The lints compare registries across environments (foreign-registry): they see each defined
// environment as the spec will get it, its default registry included.
function withEnvironmentDefaults(
  environments: Record<string, unknown>,
  defaults: EnvironmentDefaults,
): Record<string, unknown> {
  // No environment defaults (no config file): the environments as they are.
  if (Object.keys(defaults).length === 0) return environments;
  const out: Record<string, unknown> = {};
  for (const [name, overlay] of Object.entries(environments)) {
    const { registry } = environmentDefaultLayer(defaults, name);
    out[name] = registry === undefined ? overlay : mergeLayers({ registry }, overlay);
  }
  return out;
}

/** The merged `_defaults.yaml` chains, by their last file: every version in a folder has the same chain. */
const MERGED_CHAINS = new WeakMap<CheckedFile, { chain: CheckedFile[]; merged: unknown }>();

/** The defaults chain merged root first (mergeLayers never mutates, so one merge serves every version). */
function mergedDefaults(defaults: CheckedFile[]): unknown {
  const last = defaults.at(-1);
  if (!last) return {};
  const known = MERGED_CHAINS.get(last);
  if (
    known &&
    known.chain.length === defaults.length &&
    known.chain.every((c, i) => c === defaults[i])
  ) {
    return known.merged;
  }
  let merged: unknown = {};
  for (const checked of defaults) merged = mergeLayers(merged, checked.parsed.value);
  MERGED_CHAINS.set(last, { chain: [...defaults], merged });
  return merged;
}
