/** Turns a builder's output into a failure reason: a stable code and the builder's own error line. */
import type { BuildFailureCode } from "./types.ts";

/** The longest reason message kept; builder errors can embed whole structures. */
const REASON_MAX_CHARS = 500;
/** Errors that mean the Dockerfile itself is wrong, not the commands it runs. */
const DOCKERFILE_ERRORS = [
  /invalid reference format/i,
  /unknown instruction/i,
  /dockerfile parse error/i,
  /parsing dockerfile/i,
  /no FROM statement/i,
  /repository name must be lowercase/i,
];
/** Errors that mean a registry refused the credentials. */
const AUTH_ERRORS = [/unauthorized/i, /authentication required/i, /invalid username\/password/i];

/**
 * Picks the builder's last `Error:` line (or its last line) and classifies it.
 *
 * @example
 * classifyBuildError({ tail: ["Error: creating build container: invalid reference format"], stage: "build" });
 * // { reasonCode: "InvalidDockerfile", reasonMessage: "creating build container: invalid reference format" }
 */
export function classifyBuildError({ tail, stage }: { tail: string[]; stage: "build" | "push" }): {
  reasonCode: BuildFailureCode;
  reasonMessage: string;
} {
  const errorLine = [...tail].reverse().find((line) => /^(Error|error):/.test(line.trim()));
  const line = (errorLine ?? tail.findLast((l) => l.trim() !== "") ?? "the builder failed").trim();
  const message = line.replace(/^(Error|error):\s*/, "").slice(0, REASON_MAX_CHARS);
  if (AUTH_ERRORS.some((re) => re.test(message))) {
    return { reasonCode: "RegistryAuthFailed", reasonMessage: message };
  }
  if (stage === "push") return { reasonCode: "PushFailed", reasonMessage: message };
  if (DOCKERFILE_ERRORS.some((re) => re.test(message))) {
    return { reasonCode: "InvalidDockerfile", reasonMessage: message };
  }
  return { reasonCode: "BuildFailed", reasonMessage: message };
}
