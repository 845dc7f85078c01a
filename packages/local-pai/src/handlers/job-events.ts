/** GetJobEvents and GetPodEvents: a job's status changes as event lines (docs/decisions/local-pai-job-pods-and-events.md). */
import { type DlcJob, type StatusTransition, validators } from "@imagebuild/schema";
import { parseQuery, parseQueryTime } from "../http/parse-query.ts";
import type { Route } from "../http/route.ts";
import { visibleJob } from "./jobs.ts";
import { visiblePod } from "./visible-pod.ts";

/** DLC's default `MaxEventsNum`. */
export const DEFAULT_MAX_EVENTS = 2000;

/** Statuses a pod exists in: from the moment the builder is prepared. */
const POD_STATUSES = new Set([
  "EnvPreparing",
  "SanityChecking",
  "Running",
  "Restarting",
  "Stopping",
]);

/**
 * `GET /api/v1/jobs/{JobId}/events`: one line per status change of the job.
 *
 * @example
 * // GET /api/v1/jobs/dlc-k2p0c7x9ab1qz3/events?MaxEventsNum=10
 */
export const getJobEventsRoute: Route = {
  method: "GET",
  path: "/api/v1/jobs/{JobId}/events",
  action: "GetJobEvents",
  handle(req, service) {
    const query = parseQuery(validators.GetJobEventsQuery, req.query);
    const job = visibleJob(req, service);
    return { body: { JobId: job.JobId, Events: eventLines(job, query, () => true) } };
  },
};

/**
 * `GET /api/v1/jobs/{JobId}/pods/{PodId}/events`: the status changes from EnvPreparing on, when the pod exists.
 *
 * @example
 * // GET /api/v1/jobs/dlc-k2p0c7x9ab1qz3/pods/dlc-k2p0c7x9ab1qz3-worker-0/events
 */
export const getPodEventsRoute: Route = {
  method: "GET",
  path: "/api/v1/jobs/{JobId}/pods/{PodId}/events",
  action: "GetPodEvents",
  handle(req, service) {
    const query = parseQuery(validators.GetPodEventsQuery, req.query);
    const { job, pod } = visiblePod(req, service);
    let seenPod = false;
    const events = eventLines(job, query, (item) => {
      seenPod ||= POD_STATUSES.has(item.Status);
      return seenPod;
    });
    return { body: { JobId: job.JobId, PodId: pod.PodId, PodUid: pod.PodUid, Events: events } };
  },
};

/**
 * One event line: time, `Normal` or `Warning`, status and the reason when there is one.
 *
 * @example
 * formatEvent({ Status: "Failed", Time: "2026-01-01T00:00:00.000Z", ReasonCode: "BuildFailed", ReasonMessage: "exit 1" })
 * // "2026-01-01T00:00:00.000Z Warning Failed BuildFailed: exit 1"
 */
export function formatEvent(item: StatusTransition): string {
  const kind = item.Status === "Failed" || item.Status === "Stopped" ? "Warning" : "Normal";
  const reason = item.ReasonCode ? ` ${item.ReasonCode}: ${item.ReasonMessage ?? ""}` : "";
  return `${item.Time} ${kind} ${item.Status}${reason}`.trimEnd();
}

function eventLines(
  job: DlcJob,
  query: { StartTime?: string; EndTime?: string; MaxEventsNum?: string },
  include: (item: StatusTransition) => boolean,
): string[] {
  const from = parseQueryTime("StartTime", query.StartTime);
  const to = parseQueryTime("EndTime", query.EndTime);
  const max = query.MaxEventsNum === undefined ? DEFAULT_MAX_EVENTS : Number(query.MaxEventsNum);
  return (job.StatusHistory ?? [])
    .filter(include)
    .filter(
      (item) => (from === undefined || item.Time >= from) && (to === undefined || item.Time <= to),
    )
    .slice(-max)
    .map(formatEvent);
}
