/** Finds the images one spec builds on (FROM, COPY --from, Packages.Base), placed where they are written. */
import { findBaseReferences } from "./find-base-references.ts";
import { parseDockerfileOnce } from "./parse-dockerfile-once.ts";
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
    const file = "sidecar" in origin ? origin.sidecar : origin.parsed.file;
    return findBaseReferences(parseDockerfileOnce(dockerfile).instructions).map(
      (base) =>
        new LazilyPlacedBase(
          { keyword: base.keyword, reference: base.reference, file, dockerfileLine: base.line },
          () => placeInDockerfile(origin, base.line, base.column),
        ),
    );
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

/**
 * Line and column inside an inline Dockerfile need the located YAML parse, which validation only pays for
 * when something is wrong (docs/decisions/core-validation-speed.md): they are computed on first read.
 */
class LazilyPlacedBase implements SpecBase {
  readonly keyword: SpecBase["keyword"];
  readonly reference: string;
  readonly file: string;
  readonly dockerfileLine: number;
  spec?: SpecBase["spec"];
  #place: () => { line: number; column: number };
  #position: { line: number; column: number } | undefined;

  constructor(
    base: Omit<SpecBase, "line" | "column">,
    place: () => { line: number; column: number },
  ) {
    this.keyword = base.keyword;
    this.reference = base.reference;
    this.file = base.file;
    this.dockerfileLine = base.dockerfileLine;
    this.#place = place;
  }

  get line(): number {
    this.#position ??= this.#place();
    return this.#position.line;
  }

  get column(): number {
    this.#position ??= this.#place();
    return this.#position.column;
  }

  toJSON(): SpecBase {
    const { keyword, reference, file, line, column, dockerfileLine, spec } = this;
    return { keyword, reference, file, line, column, dockerfileLine, ...(spec ? { spec } : {}) };
  }
}
