/** DeleteJob (PAI-DLC `DELETE /api/v1/jobs/{JobId}`): deletes a finished job. */
import type { DeleteJobResponse } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import { pathId } from "../path-id.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.deleteJob(jobId)`: answers the deleted `JobId`.
 *
 * @example
 * await client.deleteJob("dlc-k2p0c7x9ab1qz3");
 */
export const deleteJob =
  (ctx: OperationContext) =>
  async (jobId: string, { signal }: OperationCallOptions = {}): Promise<DeleteJobResponse> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.DeleteJobResponse,
      ctx.dlc("DeleteJob", "DELETE", `/api/v1/jobs/${await pathId("JobId", jobId)}`, { signal }),
    );
  };
