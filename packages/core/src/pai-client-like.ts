/** The part of the PAI client that core calls, so any object with these methods works (the real client, a test double). */
import type {
  CreateImageBuildRequest,
  DlcJob,
  ListImagesQuery,
  ListImagesResponse,
} from "@imagebuild/schema";

/**
 * What `plan` and `dispatch` need from `@imagebuild/pai-client`'s client. The client is expected to retry
 * throttling and transient errors itself, sending the same ClientToken on every attempt.
 *
 * @example
 * const client: PaiClientLike = createPaiClient({ endpoint: process.env.IMAGEBUILD_ENDPOINT });
 */
export interface PaiClientLike {
  createImageBuild(
    body: CreateImageBuildRequest,
    /** `trigger`: what started the build (pai-client's `buildTrigger`), sent as `x-imagebuild-trigger`. */
    options: { clientToken: string; trigger?: string; signal?: AbortSignal },
  ): Promise<{ ImageBuildId: string; ImageBuildJobId: string }>;
  listImages(
    query: ListImagesQuery,
    options?: { signal?: AbortSignal },
  ): Promise<ListImagesResponse>;
  /** Reads a build's DLC job; without it a replayed failed build is not recognised, so never rebuilt. */
  getJob?(jobId: string, options?: { signal?: AbortSignal }): Promise<DlcJob>;
  /** Needed only for `dispatch({ wait: true })`. */
  waitForJob?(
    jobId: string,
    options?: { onStatus?: (job: DlcJob) => void; signal?: AbortSignal },
  ): Promise<DlcJob>;
}
