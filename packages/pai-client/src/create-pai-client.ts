/** The PAI client: typed AIWorkspace image and image-build calls plus DLC job status, validated both ways. */
import type { Dispatcher } from "undici";
import {
  type Credentials,
  type CredentialsProvider,
  toCredentialsProvider,
} from "./credentials.ts";
import type { PaiClientEventHandler } from "./pai-client-event.ts";
import { createPaiTransport, type TimeoutOptions } from "./pai-transport.ts";
import { bindOperations, type OperationMethods } from "./operations/index.ts";
import type { OperationContext } from "./operations/operation-context.ts";
import { createRequestBuilders } from "./request-builders.ts";
import { resolveEndpoints } from "./resolve-endpoints.ts";
import type { RetryOptions } from "./retry-policy.ts";
import { createValidatedCall } from "./validated-call.ts";

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

/** The client `createPaiClient` returns: every operation registered in `operations/index.ts` is a method. */
export interface PaiClient extends OperationMethods {
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
    close: () => transport.close(),
  };
}
