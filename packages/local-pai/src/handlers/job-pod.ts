/** A build job's one pod, derived from the job (docs/decisions/local-pai-job-pods-and-events.md). */
import { sha256Hex } from "@imagebuild/pai-client";
import type { DlcJob, JobStatus, Pod } from "@imagebuild/schema";

/** The pod type of a build job's pod (a DLC JobSpec type). */
export const BUILD_POD_TYPE = "Worker";

/**
 * The id of a job's pod.
 *
 * @example
 * podIdOf("dlc-k2p0c7x9ab1qz3") // "dlc-k2p0c7x9ab1qz3-worker-0"
 */
export function podIdOf(jobId: string): string {
  return `${jobId}-worker-0`;
}

/**
 * The pod's UID: UUID-shaped and stable, derived from the job id.
 *
 * @example
 * podUidOf("dlc-k2p0c7x9ab1qz3") // "3b0c…-…"
 */
export function podUidOf(jobId: string): string {
  const hex = sha256Hex(`pod:${jobId}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const POD_STATUS: Record<JobStatus, string> = {
  Creating: "Pending",
  Queuing: "Pending",
  Dequeued: "Pending",
  Bidding: "Pending",
  EnvPreparing: "Pending",
  SanityChecking: "Pending",
  Running: "Running",
  Restarting: "Running",
  Stopping: "Running",
  SucceededReserving: "Succeeded",
  FailedReserving: "Failed",
  Succeeded: "Succeeded",
  Failed: "Failed",
  Stopped: "Failed",
};

/**
 * The one pod of a build job. ListJobs items (the SDK's PodItem) carry no Duration; GetJob's pods do.
 *
 * @example
 * podOf(job) // { PodId: "dlc-…-worker-0", Type: "Worker", Status: "Running", … }
 */
export function podOf(job: DlcJob, { listItem = false }: { listItem?: boolean } = {}): Pod {
  const pod: Pod = {
    PodId: podIdOf(job.JobId),
    PodUid: podUidOf(job.JobId),
    Type: BUILD_POD_TYPE,
    Status: POD_STATUS[job.Status],
    Ip: "127.0.0.1",
    NodeName: "local",
  };
  if (job.GmtCreateTime) pod.GmtCreateTime = job.GmtCreateTime;
  if (job.GmtRunningTime) pod.GmtStartTime = job.GmtRunningTime;
  if (job.GmtFinishTime) pod.GmtFinishTime = job.GmtFinishTime;
  if (job.Duration !== undefined && !listItem) pod.Duration = job.Duration;
  return pod;
}

/**
 * The job with its `Pods`, as GetJob and ListJobs answer it.
 *
 * @example
 * withPods(job).Pods?.[0]?.PodId // "dlc-…-worker-0"
 */
export function withPods(job: DlcJob, options: { listItem?: boolean } = {}): DlcJob {
  return { ...job, Pods: [podOf(job, options)] };
}
