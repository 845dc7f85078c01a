/** What the HTTP handlers share: the stores, the queue, the push check and the configured workspaces. */
import type { BuildQueue } from "../queue/build-queue.ts";
import type { ClientTokenStore } from "../store/client-token-store.ts";
import type { ImageStore } from "../store/image-store.ts";
import type { JobStore } from "../store/job-store.ts";
import { ApiError } from "./api-error.ts";

/**
 * Can the service push to this image reference? (`canPushTo` of the system module, or a stand-in in tests.)
 *
 * @example
 * const acceptAll: PushCheck = async () => ({ ok: true });
 */
export type PushCheck = (opts: {
  imageUri: string;
  registryAuths?: Record<string, { Auth: string }> | undefined;
}) => Promise<{ ok: true } | { ok: false; reason: string }>;

/**
 * The service state every handler reads.
 *
 * @example
 * service.images.list({ verbose: false, pageNumber: 1, pageSize: 20, order: "ASC" });
 */
export interface ServiceContext {
  dataDir: string;
  images: ImageStore;
  jobs: JobStore;
  tokens: ClientTokenStore;
  queue: BuildQueue;
  canPush: PushCheck;
  /** When set, only these workspace ids exist. */
  workspaces: ReadonlySet<string> | undefined;
  /**
   * Request hashes of bodies already validated, by caller, ClientToken and SHA-256 of the raw body:
   * a byte-identical replay skips validation and canonical hashing (it would give the same result).
   */
  replayHints: Map<string, string>;
  /** The workspaces an AccessKey is limited to, or undefined when it may use any. */
  callerWorkspaces: (caller: string) => ReadonlySet<string> | undefined;
}

/**
 * Throws PAI's 404 `100400027` when a workspace list is configured and does not hold `workspaceId`,
 * then 403 `Forbidden.RAM` when the caller's AccessKey is limited to other workspaces.
 *
 * @example
 * assertWorkspace(service, "12345", "LTAIkey");
 */
export function assertWorkspace(
  service: ServiceContext,
  workspaceId: string | undefined,
  caller: string,
): void {
  if (
    workspaceId !== undefined &&
    service.workspaces !== undefined &&
    !service.workspaces.has(workspaceId)
  ) {
    throw new ApiError({ statusCode: 404, code: "100400027", message: "Workspace not exists" });
  }
  assertAccess(service, workspaceId, caller);
}

/**
 * Throws 403 `Forbidden.RAM` when the caller's AccessKey is limited to workspaces that do not include
 * `workspaceId` (an undefined workspace means "all of them", which a limited key may not ask for).
 *
 * @example
 * assertAccess(service, image.WorkspaceId, req.caller);
 */
export function assertAccess(
  service: ServiceContext,
  workspaceId: string | undefined,
  caller: string,
): void {
  const allowed = service.callerWorkspaces(caller);
  if (allowed === undefined || (workspaceId !== undefined && allowed.has(workspaceId))) return;
  throw new ApiError({
    statusCode: 403,
    code: "Forbidden.RAM",
    message:
      workspaceId === undefined
        ? `WorkspaceId: the AccessKey ${caller} is limited to some workspaces; give one of them`
        : `WorkspaceId: the AccessKey ${caller} is not authorized for workspace ${workspaceId}`,
  });
}
