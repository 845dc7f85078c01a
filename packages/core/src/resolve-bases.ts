/** Finds the images one spec builds on (FROM, COPY --from, Packages.Base), placed where they are written. */
import { findBaseReferences } from "./find-base-references.ts";
import { parseDockerfile } from "./parse-dockerfile.ts";
import { placeInDockerfile } from "./place-in-dockerfile.ts";
import type { ProblemAt } from "./problem-locator.ts";
import type { DockerfileOrigin } from "./resolved-dockerfile.ts";
import type { SpecBase } from "./types.ts";

/**
 * The bases of a user-written Dockerfile (`origin` set), or the `Packages.Base` of a rendered one.
 *
 * @example
 * resolveBases({ dockerfile: "FROM debian:bookworm\n", origin: { sidecar: "specs/a/Dockerfile" }, problemAt })
 * // [{ keyword: "FROM", reference: "debian:bookworm", file: "specs/a/Dockerfile", line: 1, column: 1, dockerfileLine: 1 }]
 */
export function resolveBases({
  dockerfile,
  origin,
  packagesBase,
  problemAt,
}: {
  dockerfile: string | undefined;
  origin: DockerfileOrigin | undefined;
  packagesBase: string | undefined;
  problemAt: ProblemAt;
}): SpecBase[] {
  if (dockerfile !== undefined && origin !== undefined) {
    return findBaseReferences(parseDockerfile(dockerfile).instructions).map((base) => ({
      keyword: base.keyword,
      reference: base.reference,
      ...placeInDockerfile(origin, base.line, base.column),
      dockerfileLine: base.line,
    }));
  }
  if (packagesBase === undefined) return [];
  // problemAt is the one place that knows which layer set a field; only its location is used.
  const { file, line, column } = problemAt(
    "build-config",
    ["build", "BuildConfig", "Packages", "Base"],
    "",
  );
  return [{ keyword: "FROM", reference: packagesBase, file, line, column, dockerfileLine: 1 }];
}
