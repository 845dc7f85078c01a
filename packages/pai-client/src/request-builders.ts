/** The request builders of one client: AIWorkspace and PAI-DLC requests with their origin and API version. */
import type { PaiEndpoints } from "./resolve-endpoints.ts";
import type { OperationContext } from "./operations/operation-context.ts";
import type { PaiRequest } from "./pai-transport.ts";

/** `x-acs-version` of AIWorkspace (images and image builds). */
export const AIWORKSPACE_VERSION = "2021-02-04";
/** `x-acs-version` of PAI-DLC (GetJob, StopJob). */
export const DLC_VERSION = "2020-12-03";

/**
 * Makes `workspace` and `dlc`: a request is idempotent (retried) unless it is a POST, or `rest` says so.
 *
 * @example
 * const { workspace, dlc } = createRequestBuilders({ endpoints });
 * const request = dlc("GetJob", "GET", "/api/v1/jobs/dlc-1", { signal });
 */
export function createRequestBuilders({
  endpoints,
}: {
  endpoints: PaiEndpoints;
}): Pick<OperationContext, "workspace" | "dlc"> {
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
  ): PaiRequest => ({
    ...workspace(action, method, path, rest),
    origin: endpoints.dlc,
    version: DLC_VERSION,
  });
  return { workspace, dlc };
}
