/** GetJob (PAI-DLC `GET /api/v1/jobs/{JobId}`): one job's status and history. */
import type { DlcJob } from "@imagebuild/schema";
import { loadSchema } from "../load-schema.ts";
import { pathId } from "../path-id.ts";
import type { OperationCallOptions, OperationContext } from "./operation-context.ts";

/**
 * `client.getJob(jobId)`: answers the job.
 *
 * @example
 * const { Status } = await client.getJob("dlc-k2p0c7x9ab1qz3");
 */
export const getJob =
  (ctx: OperationContext) =>
  async (jobId: string, { signal }: OperationCallOptions = {}): Promise<DlcJob> => {
    const { validators } = await loadSchema();
    return ctx.call(
      validators.DlcJob,
      ctx.dlc("GetJob", "GET", `/api/v1/jobs/${await pathId("JobId", jobId)}`, { signal }),
    );
  };
