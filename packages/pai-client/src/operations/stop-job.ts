/** StopJob (PAI-DLC `POST /api/v1/jobs/{JobId}/stop`): stops a queued or running job. */
import type { RequestIdResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import { pathId } from "../path-id.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.stopJob(jobId)`: answers the `RequestId`.
 *
 * @example
 * await client.stopJob("dlc-k2p0c7x9ab1qz3");
 */
export const stopJob =
  (ctx: OperationContext) =>
  async (jobId: string, { signal }: OperationCallOptions = {}): Promise<RequestIdResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.RequestIdResponse,
      ctx.dlc("StopJob", "POST", `/api/v1/jobs/${await pathId("JobId", jobId)}/stop`, { signal }),
    );
  };
