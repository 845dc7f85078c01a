/** `parseDockerfile` remembering its last answer: one spec's Dockerfile is read by three passes in a row. */
import {
  type DockerfileInstruction,
  type DockerfileIssue,
  parseDockerfile,
} from "./parse-dockerfile.ts";

let last: { text: string; parsed: ReturnType<typeof parseDockerfile> } | undefined;

/**
 * The same answer as `parseDockerfile(text)`; the build-args render, the base finder and the Dockerfile
 * lints of one spec parse the same text, so the last result is kept. Callers must not mutate it.
 *
 * @example
 * parseDockerfileOnce("FROM busybox:1.36\n") === parseDockerfileOnce("FROM busybox:1.36\n") // true
 */
export function parseDockerfileOnce(text: string): {
  instructions: DockerfileInstruction[];
  issues: DockerfileIssue[];
} {
  if (last?.text !== text) last = { text, parsed: parseDockerfile(text) };
  return last.parsed;
}
