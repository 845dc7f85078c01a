/** The PAI contract the test server serves from memory: CreateImageBuild (ClientToken dedup), images, DLC jobs. */
import { type CreateImageBuildRequest, validators } from "@imagebuild/schema";
import type { Answer } from "./step.ts";

/** A build the server accepted, followed as its DLC job. */
export interface PaiBuild {
  buildId: string;
  jobId: string;
  clientToken: string | undefined;
  request: CreateImageBuildRequest;
  /** `request.Image.Uri`, for short assertions. */
  imageUri: string;
  /** The DLC job status now (starts `Creating`). */
  status: string;
  /** Statuses the next GetJob calls move to, one per call. */
  pending: string[];
  /** GmtCreateTime of the job; a test may set it back to make the job look old. */
  createdAt: string;
  /** GmtFinishTime, once the job is terminal. */
  finishedAt?: string;
}

/** What the server counts, for assertions. */
export interface PaiServerStats {
  /** Builds created (a repeated ClientToken does not count). */
  builds: number;
  /** CreateImageBuild calls, failed and retried ones included. */
  createCalls: number;
  /** Calls answered Throttling.User by the rate limit. */
  throttled: number;
  /** CreateImageBuild calls answered from an earlier call with the same ClientToken and body. */
  replays: number;
  /** ListImages calls. */
  listCalls: number;
}

/** The server's memory, shared by the handlers. */
export interface PaiContractState {
  builds: Map<string, PaiBuild>;
  jobs: Map<string, PaiBuild>;
  images: Record<string, unknown>[];
  stats: PaiServerStats;
  /** Image names whose builds end Failed; a test removes a name to make the next build of it pass. */
  failingImageNames: Set<string>;
}

/** How builds behave, fixed when the server starts. */
export interface PaiContractOptions {
  idPrefix: string;
  statusesBeforeEnd: readonly string[];
}

/** One API call as the contract sees it. */
export interface PaiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

interface Route {
  method: string;
  pattern: RegExp;
  handle(call: PaiCall, id: string): Answer;
}

const TERMINAL = new Set(["Succeeded", "Failed", "Stopped"]);

/**
 * Builds the contract over `state`: `answer(call)` is the PAI answer (without RequestId) to one call.
 *
 * @example
 * const { answer } = createPaiContract(state, { idPrefix: "", statusesBeforeEnd: ["Running"] });
 * answer({ method: "GET", path: "/api/v1/jobs/dlc-1", query: new URLSearchParams(), body: "" });
 */
export function createPaiContract(
  state: PaiContractState,
  options: PaiContractOptions,
): { answer(call: PaiCall): Answer } {
  // ClientToken → the canonical body it was first sent with and the build it created.
  const byToken = new Map<string, { body: string; build: PaiBuild }>();

  const createImageBuild = (call: PaiCall): Answer => {
    const parsed = validators.CreateImageBuildRequest.safeParse(parseJson(call.body));
    if (!parsed.ok) {
      const issue = parsed.issues[0];
      return error(400, "InvalidParameter", `${issue?.path.join(".")}: ${issue?.message}`);
    }
    const token = call.query.get("ClientToken") || undefined;
    const body = JSON.stringify(parsed.value);
    const seen = token === undefined ? undefined : byToken.get(token);
    if (seen) {
      if (seen.body !== body) {
        return error(
          400,
          "IdempotentParameterMismatch",
          "ClientToken reused with other parameters",
        );
      }
      state.stats.replays += 1;
      return ok({ ImageBuildId: seen.build.buildId, ImageBuildJobId: seen.build.jobId });
    }
    state.stats.builds += 1;
    const n = state.stats.builds;
    const fails = state.failingImageNames.has(parsed.value.Image.Name);
    const build: PaiBuild = {
      buildId: `build-${options.idPrefix}${n}`,
      jobId: `dlc-${options.idPrefix}${n}`,
      clientToken: token,
      request: parsed.value,
      imageUri: parsed.value.Image.Uri,
      status: "Creating",
      pending: [...options.statusesBeforeEnd, fails ? "Failed" : "Succeeded"],
      createdAt: new Date().toISOString(),
    };
    state.builds.set(build.buildId, build);
    state.jobs.set(build.jobId, build);
    if (token !== undefined) byToken.set(token, { body, build });
    return ok({ ImageBuildId: build.buildId, ImageBuildJobId: build.jobId });
  };

  const getJob = (_call: PaiCall, id: string): Answer => {
    const build = state.jobs.get(id);
    if (!build) return error(404, "NotFound", "job not found");
    const next = build.pending.shift();
    if (next) {
      build.status = next;
      if (TERMINAL.has(next)) build.finishedAt = new Date().toISOString();
      if (next === "Succeeded") state.images.push(imageOf(build));
    }
    return ok(jobOf(build));
  };

  const stopJob = (_call: PaiCall, id: string): Answer => {
    const build = state.jobs.get(id);
    if (!build) return error(404, "NotFound", "job not found");
    if (!TERMINAL.has(build.status)) {
      build.status = "Stopped";
      build.pending = [];
      build.finishedAt = new Date().toISOString();
    }
    return ok({});
  };

  const listImages = ({ query }: PaiCall): Answer => {
    state.stats.listCalls += 1;
    const workspace = query.get("WorkspaceId");
    const name = query.get("Name");
    const uri = query.get("ImageUri");
    const verbose = query.get("Verbose") === "true";
    const pageNumber = Number(query.get("PageNumber") ?? "1");
    const pageSize = Number(query.get("PageSize") ?? "20");
    // An image seeded without a WorkspaceId is listed in every workspace.
    const matching = state.images.filter(
      (image) =>
        (!workspace || image.WorkspaceId === undefined || image.WorkspaceId === workspace) &&
        (!name || String(image.Name).includes(name)) &&
        (!uri || image.ImageUri === uri),
    );
    const page = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return ok({
      TotalCount: matching.length,
      Images: page.map((image) => (verbose ? image : { ...image, Labels: undefined })),
    });
  };

  const getImage = ({ query }: PaiCall, id: string): Answer => {
    const image = state.images.find((i) => i.ImageId === id);
    if (!image) return error(404, "NotFound", `image ${id} not found`);
    const { ImageId: _omitted, ...fields } = image;
    return ok(query.get("Verbose") === "true" ? fields : { ...fields, Labels: undefined });
  };

  const addImage = (call: PaiCall): Answer => {
    const parsed = validators.AddImageRequest.safeParse(parseJson(call.body));
    if (!parsed.ok) {
      const issue = parsed.issues[0];
      return error(400, "InvalidParameter", `${issue?.path.join(".")}: ${issue?.message}`);
    }
    const ImageId = parsed.value.ImageId ?? imageIdFor(state.images.length + 1);
    state.images.push({ ...parsed.value, ImageId, GmtCreateTime: new Date().toISOString() });
    return ok({ ImageId });
  };

  const removeImage = (_call: PaiCall, id: string): Answer => {
    const index = state.images.findIndex((i) => i.ImageId === id);
    if (index < 0) return error(404, "NotFound", `image ${id} not found`);
    state.images.splice(index, 1);
    return ok({});
  };

  const routes: Route[] = [
    { method: "POST", pattern: /^\/api\/v1\/imagebuilds$/, handle: createImageBuild },
    { method: "GET", pattern: /^\/api\/v1\/images$/, handle: listImages },
    { method: "POST", pattern: /^\/api\/v1\/images$/, handle: addImage },
    { method: "GET", pattern: /^\/api\/v1\/images\/([^/]+)$/, handle: getImage },
    { method: "DELETE", pattern: /^\/api\/v1\/images\/([^/]+)$/, handle: removeImage },
    { method: "GET", pattern: /^\/api\/v1\/jobs\/([^/]+)$/, handle: getJob },
    { method: "POST", pattern: /^\/api\/v1\/jobs\/([^/]+)\/stop$/, handle: stopJob },
  ];

  return {
    answer(call) {
      for (const route of routes) {
        const match = route.method === call.method ? route.pattern.exec(call.path) : null;
        if (match) return route.handle(call, decodeURIComponent(match[1] ?? ""));
      }
      return error(404, "InvalidApi.NotFound", `${call.method} ${call.path}`);
    },
  };
}

/**
 * Fills what a seeded image leaves out (ImageId, Name from the URI), as ListImages returns them.
 *
 * @example
 * seedImage({ ImageUri: "r/ml/a:1.0" }, 0); // { ImageId: "image-000000000000000000", Name: "a", ImageUri: "r/ml/a:1.0" }
 */
export function seedImage(image: Record<string, unknown>, index: number): Record<string, unknown> {
  const repository = String(image.ImageUri ?? "").replace(/:[^/:]*$/, "");
  return {
    ImageId: imageIdFor(index),
    Name: repository.slice(repository.lastIndexOf("/") + 1),
    ...image,
  };
}

function imageIdFor(n: number): string {
  return `image-${String(n).padStart(18, "0")}`;
}

function imageOf(build: PaiBuild): Record<string, unknown> {
  return {
    ImageId: `image-${build.buildId.replace(/[^A-Za-z0-9]/g, "")}`,
    Name: build.request.Image.Name,
    ImageUri: build.request.Image.Uri,
    Labels: build.request.Image.Labels ?? [],
    WorkspaceId: build.request.WorkspaceId,
    Accessibility: build.request.Accessibility ?? "PRIVATE",
    SourceType: "Build",
    SourceId: build.buildId,
    GmtCreateTime: new Date().toISOString(),
  };
}

function jobOf(build: PaiBuild): Record<string, unknown> {
  return {
    JobId: build.jobId,
    JobType: "ImageBuild",
    Status: build.status,
    GmtCreateTime: build.createdAt,
    ...(build.finishedAt ? { GmtFinishTime: build.finishedAt } : {}),
    ...(build.status === "Failed"
      ? { ReasonCode: "BuildFailed", ReasonMessage: "RUN step exited with 1" }
      : {}),
    ...(build.status === "Stopped" ? { ReasonCode: "JobStoppedByUser" } : {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text || "{}");
  } catch {
    return undefined;
  }
}

function ok(body: Record<string, unknown>): Answer {
  return { status: 200, body };
}

function error(status: number, code: string, message: string): Answer {
  return { status, body: { Code: code, Message: message } };
}
