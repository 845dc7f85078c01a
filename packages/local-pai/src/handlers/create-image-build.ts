/** CreateImageBuild: validate, check the workspace and the target registry, then create exactly one build per ClientToken. */
import { sha256Hex } from "@imagebuild/pai-client";
import { type CreateImageBuildRequest, validators } from "@imagebuild/schema";
import { newBuildIds } from "../ids.ts";
import { ApiError, issuesToApiError } from "../http/api-error.ts";
import { parseJsonBody } from "../http/parse-json-body.ts";
import type { ApiRequest, ApiResponse, Route } from "../http/route.ts";
import { assertWorkspace, type ServiceContext } from "../http/service-context.ts";
import { triggerOf } from "./trigger-header.ts";

const ACTION = "CreateImageBuild";
/** Replay hints kept before the map is emptied (each is ~200 bytes). */
const MAX_REPLAY_HINTS = 10_000;

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
  const trigger = triggerOf(req.headers);
  const hinted = replayFromHint(req, service);
  if (hinted) return hinted;
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
    if (earlier?.kind === "replayed") rememberHint(req, service, hash);
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
      trigger,
    });
    return { ImageBuildId: imageBuildId, ImageBuildJobId: jobId };
  };
  // The check-and-insert is one synchronous SQLite transaction: concurrent identical requests
  // that all passed the awaits above still create exactly one build.
  const result = key
    ? service.tokens.claim(key, hash, create)
    : { kind: "created" as const, response: create() };
  if (key && result.kind !== "mismatch") rememberHint(req, service, hash);
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

function hintKey(req: ApiRequest): string | undefined {
  const token = req.query.get("ClientToken");
  if (token === null || req.query.size !== 1) return undefined;
  return `${req.caller}\0${token}\0${sha256Hex(req.body)}`;
}

function replayFromHint(req: ApiRequest, service: ServiceContext): ApiResponse | undefined {
  const key = hintKey(req);
  const hash = key === undefined ? undefined : service.replayHints.get(key);
  if (hash === undefined) return undefined;
  const token = req.query.get("ClientToken") ?? "";
  const earlier = service.tokens.peek<CreatedBuild>(
    { accessKeyId: req.caller, action: ACTION, token },
    hash,
  );
  // An expired token falls through to the full path, which validates and creates anew.
  return earlier?.kind === "replayed" ? answer(earlier) : undefined;
}

function rememberHint(req: ApiRequest, service: ServiceContext, hash: string): void {
  const key = hintKey(req);
  if (key === undefined) return;
  if (service.replayHints.size >= MAX_REPLAY_HINTS) service.replayHints.clear();
  service.replayHints.set(key, hash);
}

function withoutCredentials(request: CreateImageBuildRequest): CreateImageBuildRequest {
  const { RegistryAuths: _omitted, ...buildConfig } = request.BuildConfig;
  return { ...request, BuildConfig: buildConfig };
}
