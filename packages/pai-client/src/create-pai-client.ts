/** The PAI client: typed AIWorkspace image and image-build calls plus DLC job status, validated both ways. */
import type {
  AddImageRequest,
  AddImageResponse,
  CreateImageBuildRequest,
  CreateImageBuildResponse,
  DlcJob,
  GetImageResponse,
  ListImagesResponse,
  RequestIdResponse,
} from "@imagebuild/schema";
import type { Dispatcher } from "undici";
import {
  type Credentials,
  type CredentialsProvider,
  toCredentialsProvider,
} from "./credentials.ts";
import type { PaiClientEventHandler } from "./pai-client-event.ts";
import { createPaiTransport, type TimeoutOptions } from "./pai-transport.ts";
import { bindCoreOperations } from "./operations/core-operations.ts";
import { bindOperations, type OperationMethods } from "./operations/index.ts";
import type { ListImagesParams } from "./operations/list-images.ts";
import type { OperationContext } from "./operations/operation-context.ts";
import { createRequestBuilders } from "./request-builders.ts";
import { resolveEndpoints } from "./resolve-endpoints.ts";
import type { RetryOptions } from "./retry-policy.ts";
import { createValidatedCall } from "./validated-call.ts";
import type { WaitForJobOptions } from "./wait-for-job.ts";

export { AIWORKSPACE_VERSION, DLC_VERSION } from "./request-builders.ts";
export type { ListImagesParams } from "./operations/list-images.ts";

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

/** The client `createPaiClient` returns; the operations registered in `operations/index.ts` are methods too. */
export interface PaiClient extends OperationMethods {
  /** Submits a build; `clientToken` (generated when absent) makes the call safe to retry. */
  createImageBuild(
    body: CreateImageBuildRequest,
    options?: CallOptions & {
      clientToken?: string | undefined;
      /** What started the build (`buildTrigger`), sent as the unsigned `x-imagebuild-trigger` header. */
      trigger?: string | undefined;
    },
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
  const ctx: OperationContext = {
    call: createValidatedCall({ transport }),
    ...createRequestBuilders({ endpoints }),
  };
  return {
    ...bindOperations(ctx),
    endpoints,
    ...bindCoreOperations(ctx),
    close: () => transport.close(),
  };
}
