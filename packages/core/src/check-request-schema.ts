/** The `request-schema` lint: the layered request against the CreateImageBuild schema, with a hint on where to set a field. */
import { checkSchema } from "./fast-check-schema.ts";
import type { ProblemAt } from "./problem-locator.ts";
import type { Problem } from "./types.ts";

/**
 * Checks `request`; a missing field's message says where it may be set (spec, defaults or an overlay).
 * A missing Dockerfile is not reported when none was found, since that already has its own problem.
 *
 * @example
 * checkRequestSchema({ request, dockerfileFound: true, composedUri: true, env: undefined, environments: { local: {} }, problemAt });
 * // [{ ruleId: "request-schema", message: "WorkspaceId: is required: set it in the spec or a _defaults.yaml, or choose an environment (--env local)" }]
 */
export function checkRequestSchema({
  request,
  dockerfileFound,
  composedUri,
  env,
  environments,
  problemAt,
}: {
  request: Record<string, unknown>;
  dockerfileFound: boolean;
  composedUri: boolean;
  env: string | undefined;
  environments: Record<string, unknown>;
  problemAt: ProblemAt;
}): Problem[] {
  const problems: Problem[] = [];
  for (const issue of checkSchema("CreateImageBuildRequest", request)) {
    if (issue.path.join(".") === "BuildConfig.Dockerfile" && !dockerfileFound) continue;
    const field = issue.path.join(".") || "(request)";
    const specPath =
      issue.path[0] === "Image" && issue.path[1] === "Uri" && composedUri
        ? ["registry"]
        : ["build", ...issue.path];
    const hint = whereToSet(env, Object.keys(environments));
    const missing = issue.code === "missing" ? `${issue.message}: ${hint}` : issue.message;
    problems.push(problemAt("request-schema", specPath, `${field}: ${missing}`));
  }
  return problems;
}

function whereToSet(env: string | undefined, known: string[]): string {
  if (env !== undefined) return `set it in the spec, a _defaults.yaml or the ${env} overlay`;
  if (known.length > 0)
    return `set it in the spec or a _defaults.yaml, or choose an environment (${known.map((e) => `--env ${e}`).join(", ")})`;
  return "set it in the spec or a _defaults.yaml";
}
