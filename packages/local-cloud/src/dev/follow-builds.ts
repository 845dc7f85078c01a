/** Follows the PAI jobs of spec results: in the background as builds start, or waiting for a set of them. */
import type { PaiClient } from "@imagebuild/pai-client";
import type { SpecResult } from "@imagebuild/schema";

const JOB_POLL_MS = 1000;
const JOB_TIMEOUT_MS = 30 * 60 * 1000;

/** Job followers over one PAI client. */
export interface BuildFollower {
  /** Prints the status changes of each new submitted job, without waiting. */
  follow(results: readonly SpecResult[]): void;
  /** Waits for the jobs of `results`; returns the files that did not build (sorted). */
  wait(results: readonly SpecResult[]): Promise<string[]>;
  /** Stops the background followers. */
  stop(): void;
}

/**
 * Creates the followers; each status change is printed through `out` as `build <file>: <Status>`.
 *
 * @example
 * const builds = followBuilds({ client, out: console.log });
 * const failed = await builds.wait(results);
 */
export function followBuilds({
  client,
  out,
}: {
  client: Pick<PaiClient, "waitForJob">;
  out: (line: string) => void;
}): BuildFollower {
  const following = new Set<string>();
  const stopping = new AbortController();
  const poll = { pollMs: JOB_POLL_MS, maxPollMs: JOB_POLL_MS * 2, timeoutMs: JOB_TIMEOUT_MS };
  return {
    follow(results) {
      for (const result of results) {
        if (result.status !== "submitted" || following.has(result.jobId)) continue;
        following.add(result.jobId);
        client
          .waitForJob(result.jobId, {
            ...poll,
            signal: stopping.signal,
            onStatus: (job) =>
              out(
                `build ${result.file}: ${job.Status}${job.ReasonMessage ? ` (${job.ReasonMessage})` : ""}`,
              ),
          })
          .catch((error: unknown) => {
            if (!stopping.signal.aborted)
              out(`build ${result.file}: stopped following ${result.jobId}: ${String(error)}`);
          });
      }
    },
    async wait(results) {
      const failed: string[] = [];
      await Promise.all(
        results.map(async (result) => {
          if (result.status === "invalid" || result.status === "failed") failed.push(result.file);
          if (result.status !== "submitted") return;
          try {
            const job = await client.waitForJob(result.jobId, {
              ...poll,
              onStatus: (status) => out(`build ${result.file}: ${status.Status}`),
            });
            if (job.Status !== "Succeeded") {
              failed.push(result.file);
              out(
                `build ${result.file}: ${job.Status}${job.ReasonMessage ? ` (${job.ReasonMessage})` : ""}`,
              );
            }
          } catch (error) {
            failed.push(result.file);
            out(`build ${result.file}: could not follow ${result.jobId}: ${String(error)}`);
          }
        }),
      );
      return failed.sort();
    },
    stop: () => stopping.abort(),
  };
}
