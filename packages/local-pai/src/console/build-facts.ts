/** What the console reads out of a build's log: the pushed digest and the step that failed. */

/** A buildah step header, e.g. `STEP 2/3: RUN make`. */
const STEP_LINE = /^STEP (\d+)\/(\d+): /;
/** The queue's last line of a successful build (see queue/build-queue.ts). */
const SUCCEEDED_LINE = /^\[local-pai\] status Succeeded \((sha256:[0-9a-f]{64}), (\d+) bytes\)$/;
/** The line run-build writes before pushing (see system/run-build.ts). */
const PUSHING_LINE = /^pushing \S+$/;
/** The queue's own status lines, which end every log. */
const STATUS_LINE = /^\[local-pai\] status /;

/**
 * The failing part of a log: lines `[start, end)`, and the step header (or "push") it belongs to.
 *
 * @example
 * const step: FailingStep = { start: 4, end: 7, title: "STEP 2/2: RUN false" };
 */
export interface FailingStep {
  start: number;
  end: number;
  title: string;
}

/**
 * The digest the build pushed, from the queue's `status Succeeded` line; undefined before that.
 *
 * @example
 * pushedDigest([`[local-pai] status Succeeded (sha256:${"a".repeat(64)}, 2048 bytes)`]) // { digest: "sha256:aaa…", sizeBytes: 2048 }
 */
export function pushedDigest(
  lines: readonly string[],
): { digest: string; sizeBytes: number } | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = SUCCEEDED_LINE.exec(lines[i] as string);
    if (match) return { digest: match[1] as string, sizeBytes: Number(match[2]) };
  }
  return undefined;
}

/**
 * The step a failed build failed in: from the last step header (or the push) to the last builder
 * line; undefined when the build never reached a step (an environment or tag-check failure).
 *
 * @example
 * failingStep(["STEP 1/2: FROM busybox", "STEP 2/2: RUN false", "Error: exit status 1", "[local-pai] status Failed (BuildFailed: …)"])
 * // { start: 1, end: 3, title: "STEP 2/2: RUN false" }
 */
export function failingStep(lines: readonly string[]): FailingStep | undefined {
  let end = lines.length;
  while (end > 0 && STATUS_LINE.test(lines[end - 1] as string)) end--;
  for (let i = end - 1; i >= 0; i--) {
    const line = lines[i] as string;
    if (PUSHING_LINE.test(line)) return { start: i, end, title: "push" };
    if (STEP_LINE.test(line)) return { start: i, end, title: line };
  }
  return undefined;
}
