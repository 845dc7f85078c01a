/** The registry of PAI operations: one file each; adding one is a file plus one line here. */
import { addImage } from "./add-image.ts";
import { createImageBuild } from "./create-image-build.ts";
import { getImage } from "./get-image.ts";
import { getJob } from "./get-job.ts";
import { listAllImages } from "./list-all-images.ts";
import { listImages } from "./list-images.ts";
import { removeImage } from "./remove-image.ts";
import { stopJob } from "./stop-job.ts";
import { waitForJob } from "./wait-for-job.ts";
import { listJobs } from "./list-jobs.ts";
import { deleteJob } from "./delete-job.ts";
import { getPodLogs } from "./get-pod-logs.ts";
import { getJobEvents } from "./get-job-events.ts";
import { getPodEvents } from "./get-pod-events.ts";
import { listEcsSpecs } from "./list-ecs-specs.ts";
import { listImageLabels } from "./list-image-labels.ts";
import { addImageLabels } from "./add-image-labels.ts";
import { removeImageLabels } from "./remove-image-labels.ts";
import { publishImage } from "./publish-image.ts";
import type { OperationContext } from "./operation-context.ts";

/**
 * Every registered operation by its client method name; each is `(ctx) => method`.
 *
 * @example
 * Object.keys(OPERATIONS) // ["createImageBuild", "listImages", …, "publishImage"]
 */
export const OPERATIONS = {
  createImageBuild,
  listImages,
  listAllImages,
  getImage,
  addImage,
  removeImage,
  getJob,
  stopJob,
  waitForJob,
  listJobs,
  deleteJob,
  getPodLogs,
  getJobEvents,
  getPodEvents,
  listEcsSpecs,
  listImageLabels,
  addImageLabels,
  removeImageLabels,
  publishImage,
} as const;

/** The client methods the registry gives. */
export type OperationMethods = {
  [K in keyof typeof OPERATIONS]: ReturnType<(typeof OPERATIONS)[K]>;
};

/**
 * Binds every registered operation to one client's internals.
 *
 * @example
 * const methods = bindOperations({ call, workspace, dlc });
 * await methods.listJobs({ WorkspaceId: "12345" });
 */
export function bindOperations(ctx: OperationContext): OperationMethods {
  return Object.fromEntries(
    Object.entries(OPERATIONS).map(([name, operation]) => [name, operation(ctx)]),
  ) as OperationMethods;
}
