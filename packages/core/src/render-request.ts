/** Renders a resolved spec into the exact CreateImageBuild body, with secret references or resolved values. */
import type { CreateImageBuildRequest } from "@imagebuild/schema";
import type { ResolvedSpec } from "./types.ts";

/**
 * Renders the request.
 *
 * @example
 * renderRequest(spec, { secrets: "reference" }).BuildConfig.RegistryAuths // { "r.example.com": { Auth: "<from env ACR_AUTH>" } }
 */
export function renderRequest(
  _spec: ResolvedSpec,
  _options: { secrets: "reference" | "resolve"; env?: NodeJS.ProcessEnv; now?: Date },
): CreateImageBuildRequest {
  throw new Error("not implemented");
}
