/** One build as the console shows it: the DLC job joined with its stored request and trigger. */
import type { DlcJob } from "@imagebuild/schema";
import type { ServiceContext } from "../http/service-context.ts";
import { TERMINAL_STATUSES } from "../store/job-store.ts";

/**
 * A job and what was asked of it (never the registry credentials: the store does not keep them).
 *
 * @example
 * const record: BuildRecord | undefined = buildRecord(service, "dlc-abc");
 * record?.imageName; // "tools"
 */
export interface BuildRecord {
  job: DlcJob;
  imageBuildId: string;
  imageName: string;
  imageUri: string;
  /** The tag of `imageUri` (`latest` when it names none). */
  tag: string;
  dockerfile: string;
  /** `push:<commit>`, `oss:<key>`, `timer:<slot>` or `cli`, when the client sent `x-imagebuild-trigger`. */
  trigger?: string;
  terminal: boolean;
}

/**
 * The build of a job, or undefined when there is no such job.
 *
 * @example
 * buildRecord(service, "dlc-abc")?.job.Status // "Running"
 */
export function buildRecord(service: ServiceContext, jobId: string): BuildRecord | undefined {
  const job = service.jobs.get(jobId);
  return job ? withRequest(service, job) : undefined;
}

/**
 * The newest builds first, across every workspace.
 *
 * @example
 * recentBuilds(service, 50).map((b) => b.job.JobId)
 */
export function recentBuilds(service: ServiceContext, limit: number): BuildRecord[] {
  const { jobs } = service.jobs.list({
    sortBy: "GmtCreateTime",
    order: "DESC",
    pageNumber: 1,
    pageSize: limit,
  });
  return jobs.map((job) => withRequest(service, job));
}

function withRequest(service: ServiceContext, job: DlcJob): BuildRecord {
  const stored = service.jobs.requestOf(job.JobId);
  const imageUri = stored?.request.Image.Uri ?? "";
  const record: BuildRecord = {
    job,
    imageBuildId: stored?.imageBuildId ?? "",
    imageName: stored?.request.Image.Name ?? job.DisplayName ?? job.JobId,
    imageUri,
    tag: tagOf(imageUri),
    dockerfile: stored?.request.BuildConfig.Dockerfile ?? "",
    terminal: TERMINAL_STATUSES.has(job.Status),
  };
  if (stored?.trigger !== undefined) record.trigger = stored.trigger;
  return record;
}

function tagOf(imageUri: string): string {
  const name = imageUri.split("@")[0] ?? "";
  const last = name.slice(name.lastIndexOf("/") + 1);
  const colon = last.indexOf(":");
  return colon < 0 ? "latest" : last.slice(colon + 1);
}
