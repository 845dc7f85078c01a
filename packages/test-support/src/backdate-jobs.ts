/** Moves the scripted server's job times into the past, so a test can say "this build failed 10 min ago". */
import type { PaiBuild } from "./pai-contract.ts";

/**
 * Sets every job's GmtCreateTime and GmtFinishTime (the ones it has) `byMs` earlier, as if the builds
 * had run that long ago; returns how many jobs moved.
 *
 * @example
 * backdateJobs(pai.jobs, 10 * 60_000); // GetJob now says these jobs ended 10 minutes ago
 */
export function backdateJobs(jobs: ReadonlyMap<string, PaiBuild>, byMs: number): number {
  const earlier = (iso: string) => new Date(Date.parse(iso) - byMs).toISOString();
  for (const build of jobs.values()) {
    build.createdAt = earlier(build.createdAt);
    if (build.finishedAt) build.finishedAt = earlier(build.finishedAt);
  }
  return jobs.size;
}
