/** What the HTTP handlers share: the stores, the queue, the push check and the configured workspaces. */
import type { BuildQueue } from "../queue/build-queue.ts";
import type { ClientTokenStore } from "../store/client-token-store.ts";
import type { ImageStore } from "../store/image-store.ts";
import type { JobStore } from "../store/job-store.ts";
import { ApiError } from "./api-error.ts";

/** Can the service push to this image reference? (`canPushTo` of the system module, or a stand-in in tests.) */
export type PushCheck = (opts: {
  imageUri: string;
  registryAuths?: Record<string, { Auth: string }> | undefined;
}) => Promise<{ ok: true } | { ok: false; reason: string }>;

/** The service state every handler reads. */
export interface ServiceContext {
  dataDir: string;
  images: ImageStore;
  jobs: JobStore;
  tokens: ClientTokenStore;
  queue: BuildQueue;
  canPush: PushCheck;
  /** When set, only these workspace ids exist. */
  workspaces: ReadonlySet<string> | undefined;
}

/**
 * Throws PAI's 404 `100400027` when a workspace list is configured and does not hold `workspaceId`.
 *
 * @example
 * assertWorkspace(service, "12345");
 */
export function assertWorkspace(service: ServiceContext, workspaceId: string | undefined): void {
  if (workspaceId === undefined || service.workspaces === undefined) return;
  if (service.workspaces.has(workspaceId)) return;
  throw new ApiError({ statusCode: 404, code: "100400027", message: "Workspace not exists" });
}
