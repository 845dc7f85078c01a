/** The client's own operations (image builds, images, DLC jobs): one file each, bound like the registry's. */
import { addImage } from "./add-image.ts";
import { createImageBuild } from "./create-image-build.ts";
import { getImage } from "./get-image.ts";
import { getJob } from "./get-job.ts";
import { listAllImages } from "./list-all-images.ts";
import { listImages } from "./list-images.ts";
import type { OperationContext } from "./operation-context.ts";
import { removeImage } from "./remove-image.ts";
import { stopJob } from "./stop-job.ts";
import { waitForJob } from "./wait-for-job.ts";

/**
 * The operations `PaiClient` declares itself, in its order; kept apart from `OPERATIONS` so that
 * the exported registry lists what it listed before.
 *
 * @example
 * Object.keys(CORE_OPERATIONS) // ["createImageBuild", "listImages", …, "waitForJob"]
 */
export const CORE_OPERATIONS = {
  createImageBuild,
  listImages,
  listAllImages,
  getImage,
  addImage,
  removeImage,
  getJob,
  stopJob,
  waitForJob,
} as const;

/** The client methods the core operations give. */
export type CoreOperationMethods = {
  [K in keyof typeof CORE_OPERATIONS]: ReturnType<(typeof CORE_OPERATIONS)[K]>;
};

/**
 * Binds every core operation to one client's internals.
 *
 * @example
 * const methods = bindCoreOperations({ call, workspace, dlc });
 * await methods.getJob("dlc-k2p0c7x9ab1qz3");
 */
export function bindCoreOperations(ctx: OperationContext): CoreOperationMethods {
  return Object.fromEntries(
    Object.entries(CORE_OPERATIONS).map(([name, operation]) => [name, operation(ctx)]),
  ) as CoreOperationMethods;
}
