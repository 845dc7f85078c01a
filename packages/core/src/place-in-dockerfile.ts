/** Maps a line and column inside a Dockerfile to the file, line and column a person edits. */
import { positionInString } from "./parsed-yaml.ts";
import type { DockerfileOrigin } from "./resolved-dockerfile.ts";

/**
 * A position in the sidecar file, or in the spec (or defaults) file holding the inline Dockerfile.
 *
 * @example
 * placeInDockerfile({ sidecar: "specs/a/Dockerfile" }, 3, 1) // { file: "specs/a/Dockerfile", line: 3, column: 1 }
 */
export function placeInDockerfile(
  origin: DockerfileOrigin,
  line: number,
  column: number,
): { file: string; line: number; column: number } {
  if ("sidecar" in origin) return { file: origin.sidecar, line, column };
  return {
    file: origin.parsed.file,
    ...positionInString(origin.parsed, origin.path, line, column),
  };
}
