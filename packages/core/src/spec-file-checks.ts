/** The per-file checks of one source's spec files, kept so several `loadSpecs` passes parse each file once. */
import type { CheckedFile } from "./check-spec-file.ts";

/**
 * What `loadSpecs` learned about each file on its own (syntax, schema, kind, literal credentials),
 * none of which depends on the environment. Give one to every pass over the same source (validate
 * goes through each environment) and never to passes over different sources: files are keyed by
 * path.
 *
 * @example
 * const fileChecks = specFileChecks();
 * for (const env of ["local", "prod"]) await loadSpecs({ source, env, fileChecks });
 */
export interface SpecFileChecks {
  readonly byFile: Map<string, Promise<CheckedFile | undefined>>;
}

/**
 * An empty `SpecFileChecks`.
 *
 * @example
 * await loadSpecs({ source, env: "prod", fileChecks: specFileChecks() });
 */
export function specFileChecks(): SpecFileChecks {
  return { byFile: new Map() };
}
