/** Loads every spec under the specs folder: layering, schema, rendering and lints. */
import type { Problem, ResolvedSpec, SpecSource } from "./types.ts";

/** Options of `loadSpecs`. */
export interface LoadSpecsOptions {
  source: SpecSource;
  /** Only these spec files (repository-relative); default: every `specs/<image>/<version>.yaml`. */
  paths?: string[];
  /** The environment overlay to apply, e.g. `local` or `prod`. */
  env?: string;
  /** Default `specs`. */
  specsDir?: string;
  /** When given, the immutability lint compares each version against this source (the base ref). */
  baseSource?: SpecSource;
}

/**
 * Loads, layers, validates and lints specs; never throws for bad specs (they come back as problems).
 *
 * @example
 * const { specs, problems } = await loadSpecs({ source: directorySource("."), env: "local" });
 */
export async function loadSpecs(
  _options: LoadSpecsOptions,
): Promise<{ specs: ResolvedSpec[]; problems: Problem[] }> {
  throw new Error("not implemented");
}
