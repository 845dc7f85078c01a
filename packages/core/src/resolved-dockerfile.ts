/** The shape every Dockerfile resolver returns: the text, where it came from, and the problems found. */
import type { ParsedYaml } from "./parsed-yaml.ts";
import type { Problem } from "./types.ts";

/**
 * Where a Dockerfile's lines live, so Dockerfile problems point at them: a YAML string or a sidecar file.
 *
 * @example
 * const origin: DockerfileOrigin = { sidecar: "specs/busybox-tools/Dockerfile" };
 */
export type DockerfileOrigin = { parsed: ParsedYaml; path: string[] } | { sidecar: string };

/**
 * A resolver's answer; `dockerfile` is undefined when it could not be found (see `problems`).
 *
 * @example
 * const none: ResolvedDockerfile = { problems: [] };
 */
export interface ResolvedDockerfile {
  dockerfile?: string;
  /** Set for a Dockerfile the user wrote (inline or sidecar); rendered ones are not linted. */
  origin?: DockerfileOrigin;
  /** The sidecar file's text, part of the spec's content key. */
  sidecarText?: string;
  problems: Problem[];
}
