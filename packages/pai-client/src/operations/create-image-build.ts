/** CreateImageBuild (AIWorkspace `POST /api/v1/imagebuilds`): submits a build, safe to retry with its ClientToken. */
import { randomUUID } from "node:crypto";
import type { CreateImageBuildRequest, CreateImageBuildResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.createImageBuild(body, { clientToken })`: answers the `ImageBuildJobId`; a token is generated
 * when absent.
 *
 * @example
 * const { ImageBuildJobId } = await client.createImageBuild(request, { clientToken });
 */
export const createImageBuild =
  (ctx: OperationContext) =>
  async (
    body: CreateImageBuildRequest,
    {
      clientToken = randomUUID(),
      signal,
    }: OperationCallOptions & { clientToken?: string | undefined } = {},
  ): Promise<CreateImageBuildResponse> => {
    const { validators } = await loadSchema();
    const checked = validators.CreateImageBuildRequest.parse(body, {
      source: "CreateImageBuild body",
    });
    const query = validators.CreateImageBuildQuery.parse(
      { ClientToken: clientToken },
      { source: "CreateImageBuild query" },
    );
    return ctx.call(
      validators.CreateImageBuildResponse,
      // The same token rides on every attempt, so a retry replays the first result.
      ctx.workspace("CreateImageBuild", "POST", "/api/v1/imagebuilds", {
        query: asQuery(query),
        body: checked,
        idempotent: true,
        signal,
      }),
    );
  };

// Generated query interfaces have no index signature; their values are all strings.
function asQuery(query: object): Record<string, string | undefined> {
  return query as Record<string, string | undefined>;
}
