/** The last lines of each failed build's log, which `build --wait` shows so a failed RUN step explains itself. */
import type { DispatchResult } from "@imagebuild/core";
import type { PaiClient } from "@imagebuild/pai-client";
import { redactSecrets } from "./output/format-error.ts";
import { readPodLog } from "./pod-logs.ts";

/** Lines shown per failed build. */
export const FAILURE_LOG_LINES = 20;

/**
 * Reads the last log lines (secrets masked) of every build that ended Failed, keyed by job id. A log that cannot be
 * read is left out: the build's failure is the news, not the log call's.
 *
 * @example
 * const tails = await failureLines(client, results, process.env); // Map { "dlc-…" => ["STEP 2/2: RUN exit 1", …] }
 */
export async function failureLines(
  client: PaiClient,
  results: readonly DispatchResult[],
  env: NodeJS.ProcessEnv,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const result of results) {
    if (result.status !== "submitted" || result.finalStatus !== "Failed") continue;
    try {
      const { lines } = await readPodLog(client, result.jobId, { maxLines: FAILURE_LOG_LINES });
      if (lines.length > 0)
        out.set(
          result.jobId,
          lines.map((line) => redactSecrets(line, env)),
        );
    } catch {
      // Reported by omission; `imagebuild logs` gives the call's error.
    }
  }
  return out;
}

/**
 * The text block for the failed builds' log tails.
 *
 * @example
 * formatFailureLines(results, tails)
 * // "\nspecs/a/1.0.yaml failed; last 20 lines of dlc-… (imagebuild logs dlc-…):\n  STEP 2/2: …\n"
 */
export function formatFailureLines(
  results: readonly DispatchResult[],
  tails: ReadonlyMap<string, string[]>,
): string {
  let out = "";
  for (const result of results) {
    if (result.status !== "submitted") continue;
    const lines = tails.get(result.jobId);
    if (!lines) continue;
    out += `\n${result.file} failed; last ${lines.length} lines of ${result.jobId} (imagebuild logs ${result.jobId}):\n`;
    for (const line of lines) out += `  ${line}\n`;
  }
  return out;
}
