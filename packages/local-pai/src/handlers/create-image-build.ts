/** CreateImageBuild: validate, check the workspace and the target registry, then create exactly one build per ClientToken. */
import { type CreateImageBuildRequest, validators } from "@imagebuild/schema";
import { newBuildIds } from "../ids.ts";
import { ApiError, issuesToApiError } from "../http/api-error.ts";
import { parseJsonBody } from "../http/parse-json-body.ts";
import type { ApiRequest, ApiResponse, Route } from "../http/route.ts";
import { assertWorkspace, type ServiceContext } from "../http/service-context.ts";

const ACTION = "CreateImageBuild";

interface CreatedBuild {
  ImageBuildId: string;
  ImageBuildJobId: string;
}

/**
 * `POST /api/v1/imagebuilds`.
 *
 * @example
 * // curl -X POST 'http://127.0.0.1:7070/api/v1/imagebuilds?ClientToken=t1' -d @request.json
 */
export const createImageBuildRoute: Route = {
  method: "POST",
  path: "/api/v1/imagebuilds",
  action: ACTION,
  handle: createImageBuild,
};

async function createImageBuild(req: ApiRequest, service: ServiceContext): Promise<ApiResponse> {
  const query = validators.CreateImageBuildQuery.safeParse(Object.fromEntries(req.query));
  if (!query.ok) throw issuesToApiError(query.issues);
  const parsed = validators.CreateImageBuildRequest.safeParse(parseJsonBody(req.body));
  if (!parsed.ok) throw issuesToApiError(parsed.issues);
  const request = parsed.value;
  assertWorkspace(service, request.WorkspaceId, req.caller);

  const token = query.value.ClientToken;
  const key = token === undefined ? undefined : { accessKeyId: req.caller, action: ACTION, token };
  const hash = service.tokens.hashRequest(request);
  if (key) {
    const earlier = service.tokens.peek<CreatedBuild>(key, hash);
    if (earlier) return answer(earlier);
  }

  const registryAuths = request.BuildConfig.RegistryAuths as
    | Record<string, { Auth: string }>
    | undefined;
  const push = await service.canPush({ imageUri: request.Image.Uri, registryAuths });
  if (!push.ok) {
    throw new ApiError({
      statusCode: 400,
      code: "InvalidParameter",
      message: `Image.Uri: the service cannot push to ${request.Image.Uri}: ${push.reason}`,
    });
  }

  const create = (): CreatedBuild => {
    const { imageBuildId, jobId } = newBuildIds();
    service.jobs.insertBuild({
      imageBuildId,
      jobId,
      accessKeyId: req.caller,
      request: withoutCredentials(request),
    });
    return { ImageBuildId: imageBuildId, ImageBuildJobId: jobId };
  };
  // The check-and-insert is one synchronous SQLite transaction: concurrent identical requests
  // that all passed the awaits above still create exactly one build.
  const result = key
    ? service.tokens.claim(key, hash, create)
    : { kind: "created" as const, response: create() };
  if (result.kind === "created") {
    service.queue.enqueue({
      jobId: result.response.ImageBuildJobId,
      imageBuildId: result.response.ImageBuildId,
      request,
      accessKeyId: req.caller,
    });
  }
  return answer(result);
}

function answer(
  result: { kind: "created" | "replayed"; response: CreatedBuild } | { kind: "mismatch" },
): ApiResponse {
  if (result.kind === "mismatch") {
    throw new ApiError({
      statusCode: 400,
      code: "IdempotentParameterMismatch",
      message:
        "ClientToken: this token was already used with a different request; use a new ClientToken for a new request",
    });
  }
  return { body: { ...result.response } };
}

function withoutCredentials(request: CreateImageBuildRequest): CreateImageBuildRequest {
  const { RegistryAuths: _omitted, ...buildConfig } = request.BuildConfig;
  return { ...request, BuildConfig: buildConfig };
}
