/** The PAI client: typed AIWorkspace image and image-build calls plus DLC job status, validated both ways. */
import { randomUUID } from "node:crypto";
import type {
  AddImageRequest,
  AddImageResponse,
  CreateImageBuildRequest,
  CreateImageBuildResponse,
  DlcJob,
  GetImageResponse,
  ListImagesQuery,
  ListImagesResponse,
  RequestIdResponse,
  Validator,
} from "@imagebuild/schema";
import type { Dispatcher } from "undici";
import {
  type Credentials,
  type CredentialsProvider,
  toCredentialsProvider,
} from "./credentials.ts";
import type { PaiClientEventHandler } from "./pai-client-event.ts";
import { PaiError } from "./pai-error.ts";
import { createPaiTransport, type PaiRequest, type TimeoutOptions } from "./pai-transport.ts";
import { loadSchema } from "./load-schema.ts";
import { bindOperations, type OperationMethods } from "./operations/index.ts";
import { type QueryParams, queryOf } from "./operations/operation-context.ts";
import { pathId } from "./path-id.ts";
import { resolveEndpoints } from "./resolve-endpoints.ts";
import type { RetryOptions } from "./retry-policy.ts";
import { pollJob, type WaitForJobOptions } from "./wait-for-job.ts";

/** `x-acs-version` of AIWorkspace (images and image builds). */
export const AIWORKSPACE_VERSION = "2021-02-04";
/** `x-acs-version` of PAI-DLC (GetJob, StopJob). */
export const DLC_VERSION = "2020-12-03";

/** What `createPaiClient` takes. Every field is optional. */
export interface PaiClientOptions {
  /** Credentials or a provider (called per attempt). Absent: unsigned requests, for the local service. */
  credentials?: Credentials | CredentialsProvider | undefined;
  /** Region for the cloud endpoints; defaults to `ALIBABA_CLOUD_REGION_ID`. */
  region?: string | undefined;
  /** Use the `-vpc` endpoints. */
  vpc?: boolean | undefined;
  /** One base URL for both APIs (wins over `IMAGEBUILD_ENDPOINT` and the region). */
  endpoint?: string | undefined;
  /** Where `IMAGEBUILD_ENDPOINT` and `ALIBABA_CLOUD_REGION_ID` are read; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  retry?: Partial<RetryOptions> | undefined;
  timeouts?: Partial<TimeoutOptions> | undefined;
  onEvent?: PaiClientEventHandler | undefined;
  dispatcher?: Dispatcher | undefined;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/** ListImages query values; numbers and booleans are turned into the strings the API expects. */
export type ListImagesParams = QueryParams<ListImagesQuery>;

/** The client `createPaiClient` returns; the operations registered in `operations/index.ts` are methods too. */
export interface PaiClient extends OperationMethods {
  /** Submits a build; `clientToken` (generated when absent) makes the call safe to retry. */
  createImageBuild(
    body: CreateImageBuildRequest,
    options?: CallOptions & { clientToken?: string | undefined },
  ): Promise<CreateImageBuildResponse>;
  listImages(query?: ListImagesParams, options?: CallOptions): Promise<ListImagesResponse>;
  /** Every page from `PageNumber` (default 1) until `TotalCount` images were seen or a page is empty. */
  listAllImages(query?: ListImagesParams, options?: CallOptions): AsyncIterable<ListImagesResponse>;
  getImage(
    imageId: string,
    options?: CallOptions & { verbose?: boolean | undefined },
  ): Promise<GetImageResponse>;
  addImage(body: AddImageRequest, options?: CallOptions): Promise<AddImageResponse>;
  removeImage(imageId: string, options?: CallOptions): Promise<RequestIdResponse>;
  getJob(jobId: string, options?: CallOptions): Promise<DlcJob>;
  stopJob(jobId: string, options?: CallOptions): Promise<RequestIdResponse>;
  /** Polls `getJob` until Succeeded, Failed or Stopped and returns the final job. */
  waitForJob(jobId: string, options?: WaitForJobOptions): Promise<DlcJob>;
  /** The base URLs in use. */
  readonly endpoints: { aiworkspace: string; dlc: string };
  close(): Promise<void>;
}

/**
 * Creates a client. Requests and responses are checked with `@imagebuild/schema` validators: a bad
 * request throws `SchemaValidationError` before anything is sent; a bad response throws `PaiError`
 * code `InvalidResponse`.
 *
 * @example
 * const client = createPaiClient({ credentials: credentialsFromEnv(), region: "cn-hangzhou" });
 * const { ImageBuildJobId } = await client.createImageBuild(request, { clientToken });
 * const job = await client.waitForJob(ImageBuildJobId, { onStatus: (j) => console.log(j.Status) });
 * await client.close();
 */
export function createPaiClient({
  credentials,
  region,
  vpc,
  endpoint,
  env,
  retry,
  timeouts,
  onEvent,
  dispatcher,
}: PaiClientOptions = {}): PaiClient {
  const endpoints = resolveEndpoints({ region, vpc, endpoint, env });
  const transport = createPaiTransport({
    credentials: toCredentialsProvider(credentials),
    retry,
    timeouts,
    dispatcher,
    onEvent,
  });

  async function call<T>(validator: Validator<T>, request: PaiRequest): Promise<T> {
    const response = await transport.send(request);
    const result = validator.safeParse(response.body);
    if (result.ok) return result.value;
    const { SchemaValidationError } = await loadSchema();
    const cause = new SchemaValidationError({
      schema: validator.name,
      source: `${request.action} response`,
      issues: result.issues,
    });
    throw new PaiError({
      code: "InvalidResponse",
      action: request.action,
      statusCode: response.statusCode,
      requestId: response.requestId,
      attempts: response.attempts,
      message: cause.message,
      cause,
    });
  }

  const workspace = (
    action: string,
    method: PaiRequest["method"],
    path: string,
    rest: Partial<PaiRequest> = {},
  ): PaiRequest => ({
    origin: endpoints.aiworkspace,
    version: AIWORKSPACE_VERSION,
    action,
    method,
    path,
    idempotent: method !== "POST",
    ...rest,
  });
  const dlc = (
    action: string,
    method: PaiRequest["method"],
    path: string,
    rest: Partial<PaiRequest> = {},
  ) => ({
    ...workspace(action, method, path, rest),
    origin: endpoints.dlc,
    version: DLC_VERSION,
  });

  const listImages: PaiClient["listImages"] = async (query = {}, { signal } = {}) => {
    const { validators } = await loadSchema();
    return call(
      validators.ListImagesResponse,
      workspace("ListImages", "GET", "/api/v1/images", {
        query: queryOf(validators.ListImagesQuery, query, "ListImages query"),
        signal,
      }),
    );
  };

  const getJob: PaiClient["getJob"] = async (jobId, { signal } = {}) => {
    const { validators } = await loadSchema();
    return call(
      validators.DlcJob,
      dlc("GetJob", "GET", `/api/v1/jobs/${await pathId("JobId", jobId)}`, { signal }),
    );
  };

  return {
    ...bindOperations({ call, workspace, dlc }),
    endpoints,
    async createImageBuild(body, { clientToken = randomUUID(), signal } = {}) {
      const { validators } = await loadSchema();
      const checked = validators.CreateImageBuildRequest.parse(body, {
        source: "CreateImageBuild body",
      });
      const query = validators.CreateImageBuildQuery.parse(
        { ClientToken: clientToken },
        { source: "CreateImageBuild query" },
      );
      return call(
        validators.CreateImageBuildResponse,
        // The same token rides on every attempt, so a retry replays the first result.
        workspace("CreateImageBuild", "POST", "/api/v1/imagebuilds", {
          query: asQuery(query),
          body: checked,
          idempotent: true,
          signal,
        }),
      );
    },
    listImages,
    async *listAllImages(query = {}, options = {}) {
      let page = Number(query.PageNumber ?? 1);
      let seen = 0;
      for (;;) {
        const result = await listImages({ ...query, PageNumber: page }, options);
        yield result;
        seen += result.Images.length;
        if (result.Images.length === 0 || seen >= result.TotalCount) return;
        page += 1;
      }
    },
    async getImage(imageId, { verbose, signal } = {}) {
      const { validators } = await loadSchema();
      return call(
        validators.GetImageResponse,
        workspace("GetImage", "GET", `/api/v1/images/${await pathId("ImageId", imageId)}`, {
          query: verbose === undefined ? undefined : { Verbose: String(verbose) },
          signal,
        }),
      );
    },
    async addImage(body, { signal } = {}) {
      const { validators } = await loadSchema();
      const checked = validators.AddImageRequest.parse(body, { source: "AddImage body" });
      return call(
        validators.AddImageResponse,
        workspace("AddImage", "POST", "/api/v1/images", { body: checked, signal }),
      );
    },
    async removeImage(imageId, { signal } = {}) {
      const { validators } = await loadSchema();
      return call(
        validators.RequestIdResponse,
        workspace("RemoveImage", "DELETE", `/api/v1/images/${await pathId("ImageId", imageId)}`, {
          signal,
        }),
      );
    },
    getJob,
    async stopJob(jobId, { signal } = {}) {
      const { validators } = await loadSchema();
      return call(
        validators.RequestIdResponse,
        dlc("StopJob", "POST", `/api/v1/jobs/${await pathId("JobId", jobId)}/stop`, { signal }),
      );
    },
    async waitForJob(jobId, options = {}) {
      return pollJob({ ...options, jobId, getJob });
    },
    close: () => transport.close(),
  };
}

// Generated query interfaces have no index signature; their values are all strings.
function asQuery(query: object): Record<string, string | undefined> {
  return query as Record<string, string | undefined>;
}
