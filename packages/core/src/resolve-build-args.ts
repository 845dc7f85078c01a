/** The `build-args` lint and render step of one spec: every `build.args` entry matches an `ARG`, and no ARG is left unset. */
import { placeInDockerfile } from "./place-in-dockerfile.ts";
import type { ProblemAt } from "./problem-locator.ts";
import { renderBuildArgs } from "./render-build-args.ts";
import type { DockerfileOrigin } from "./resolved-dockerfile.ts";
import type { Problem } from "./types.ts";

/**
 * Renders `args` (layered from defaults, the spec and the environment overlay) into the Dockerfile's ARG
 * defaults. An arg no ARG declares is an error at `build.args.<NAME>` when the spec file sets it (a
 * defaults file's args are only offered); a user-written ARG with no default
 * and no arg is an error at the ARG line. A rendered (PackageInstallation) Dockerfile declares no ARG.
 *
 * @example
 * resolveBuildArgs({ file, dockerfile: "ARG SUITE\nFROM debian:${SUITE}\n", origin, args: { SUITE: "bookworm" }, problemAt })
 * // { dockerfile: "ARG SUITE=bookworm\nFROM debian:${SUITE}\n", problems: [] }
 */
export function resolveBuildArgs({
  file,
  dockerfile,
  origin,
  args,
  problemAt,
}: {
  file: string;
  dockerfile: string | undefined;
  origin: DockerfileOrigin | undefined;
  args: Readonly<Record<string, string | undefined>> | undefined;
  problemAt: ProblemAt;
}): { dockerfile: string | undefined; problems: Problem[] } {
  if (dockerfile === undefined) return { dockerfile, problems: [] };
  const given = args ?? {};
  // A rendered Dockerfile declares no ARG, so every arg given is unknown to it: no parse needed.
  const rendered =
    origin === undefined
      ? { dockerfile, unknown: Object.keys(given).filter((name) => given[name] !== undefined) }
      : renderBuildArgs(dockerfile, given);
  // A defaults file's args are offered to every spec below it; only the spec's own must all be used.
  const problems: Problem[] = rendered.unknown
    .map((name) =>
      problemAt(
        "build-args",
        ["build", "args", name],
        `build.args.${name}: the Dockerfile declares no ARG ${name}; add \`ARG ${name}\` to it or remove the arg`,
      ),
    )
    .filter((problem) => problem.file === file);
  if (origin !== undefined && "missing" in rendered) {
    for (const { name, line, column } of rendered.missing) {
      problems.push({
        ruleId: "build-args",
        severity: "error",
        ...placeInDockerfile(origin, line, column),
        message: `ARG ${name} has no default and build.args sets no ${name}: give it a default or set build.args.${name} in the spec, a _defaults.yaml or the environment overlay`,
      });
    }
  }
  return { dockerfile: rendered.dockerfile, problems };
}
