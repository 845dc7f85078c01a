/** CreateImageBuild (AIWorkspace `POST /api/v1/imagebuilds`): submits a build, safe to retry with its ClientToken. */
import { randomUUID } from "node:crypto";
import type { CreateImageBuildRequest, CreateImageBuildResponse } from "@imagebuild/schema";
import { BUILD_TRIGGER_HEADER, BUILD_TRIGGER_RULE } from "../build-trigger.ts";
import { loadSchema } from "../load-schema.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.createImageBuild(body, { clientToken, trigger })`: answers the `ImageBuildJobId`; a token is
 * generated when absent. `trigger` (a `BuildTrigger`, see `buildTrigger`) goes out as the unsigned
 * `x-imagebuild-trigger` header; a malformed one throws `SchemaValidationError` before anything is sent.
 *
 * @example
 * const { ImageBuildJobId } = await client.createImageBuild(request, { clientToken, trigger: "push:9fceb02" });
 */
export const createImageBuild =
  (ctx: OperationContext) =>
  async (
    body: CreateImageBuildRequest,
    {
      clientToken = randomUUID(),
      trigger,
      signal,
    }: OperationCallOptions & {
      clientToken?: string | undefined;
      trigger?: string | undefined;
    } = {},
  ): Promise<CreateImageBuildResponse> => {
    const { validators, SchemaValidationError } = await loadSchema();
    const checked = validators.CreateImageBuildRequest.parse(body, {
      source: "CreateImageBuild body",
    });
    const query = validators.CreateImageBuildQuery.parse(
      { ClientToken: clientToken },
      { source: "CreateImageBuild query" },
    );
    if (trigger !== undefined && !validators.BuildTrigger.safeParse(trigger).ok) {
      throw new SchemaValidationError({
        schema: "BuildTrigger",
        source: "CreateImageBuild options",
        issues: [{ path: ["trigger"], code: "invalid", message: BUILD_TRIGGER_RULE }],
      });
    }
    const headers = trigger === undefined ? undefined : { [BUILD_TRIGGER_HEADER]: trigger };
    return ctx.call(
      validators.CreateImageBuildResponse,
      // The same token rides on every attempt, so a retry replays the first result.
      ctx.workspace("CreateImageBuild", "POST", "/api/v1/imagebuilds", {
        query: asQuery(query),
        body: checked,
        headers,
        idempotent: true,
        signal,
      }),
    );
  };

// Generated query interfaces have no index signature; their values are all strings.
function asQuery(query: object): Record<string, string | undefined> {
  return query as Record<string, string | undefined>;
}
