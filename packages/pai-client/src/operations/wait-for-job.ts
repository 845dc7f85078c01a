/** Waits for a DLC job to end by polling GetJob. */
import type { DlcJob } from "@imagebuild/schema";
import { pollJob, type WaitForJobOptions } from "../wait-for-job.ts";
import { getJob } from "./get-job.ts";
import type { OperationContext } from "./operation-context.ts";

/**
 * `client.waitForJob(jobId, options)`: answers the job once it is Succeeded, Failed or Stopped.
 *
 * @example
 * const job = await client.waitForJob("dlc-k2p0c7x9ab1qz3", { onStatus: (j) => console.log(j.Status) });
 */
export const waitForJob = (ctx: OperationContext) => {
  const getOne = getJob(ctx);
  return async (jobId: string, options: WaitForJobOptions = {}): Promise<DlcJob> =>
    pollJob({ ...options, jobId, getJob: getOne });
};
