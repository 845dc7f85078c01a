/** Reads a build job's log through GetPodLogs (the job's pod from GetJob), so it works against DLC and the local service. */
import type { PaiClient } from "@imagebuild/pai-client";
import type { DlcJob } from "@imagebuild/schema";

/** A job, its pod and the last lines of the pod's log. */
export interface PodLog {
  job: DlcJob;
  /** Undefined while the job has no pod yet (DLC creates it once resources are assigned). */
  podId: string | undefined;
  lines: string[];
}

/**
 * The job and the last `maxLines` lines of its first pod's log; no lines while there is no pod.
 *
 * @example
 * const { job, lines } = await readPodLog(client, "dlc-k2p0c7x9ab1qz3", { maxLines: 20 });
 */
export async function readPodLog(
  client: PaiClient,
  jobId: string,
  { maxLines, signal }: { maxLines?: number; signal?: AbortSignal } = {},
): Promise<PodLog> {
  const job = await client.getJob(jobId, signal ? { signal } : {});
  const podId = job.Pods?.[0]?.PodId;
  if (podId === undefined) return { job, podId, lines: [] };
  const answer = await client.getPodLogs(
    jobId,
    podId,
    maxLines === undefined ? {} : { MaxLines: String(maxLines) },
    signal ? { signal } : {},
  );
  return { job, podId, lines: answer.Logs ?? [] };
}

/** Lines of context matched to find where the printed part of a log ends in a new read. */
const ALIGN_CONTEXT_LINES = 50;

/**
 * The lines of `fetched` not yet printed. When `printed` is the whole log so far (`exact`), that is
 * everything after its length; otherwise (the first read was a `--tail`, or GetPodLogs answered a
 * full window, the log's last lines only) the end of `printed` is looked for in `fetched`.
 *
 * @example
 * unseenLines({ printed: ["a", "b"], fetched: ["a", "b", "c"], exact: false }) // ["c"]
 */
export function unseenLines({
  printed,
  fetched,
  exact,
}: {
  printed: readonly string[];
  fetched: readonly string[];
  exact: boolean;
}): string[] {
  if (exact) return fetched.slice(printed.length);
  const context = Math.min(printed.length, ALIGN_CONTEXT_LINES);
  if (context === 0) return [...fetched];
  for (let end = fetched.length; end > 0; end--) {
    const k = Math.min(context, end);
    let match = true;
    for (let i = 1; i <= k && match; i++) {
      match = fetched[end - i] === printed[printed.length - i];
    }
    if (match) return fetched.slice(end);
  }
  return [...fetched];
}
