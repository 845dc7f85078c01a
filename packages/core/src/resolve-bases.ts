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
    return findBaseReferences(parseDockerfileOnce(dockerfile).instructions).map(
      (base) =>
        new LazilyPlacedBase(
          { keyword: base.keyword, reference: base.reference, dockerfileLine: base.line },
          () => placeInDockerfile(origin, base.line, base.column),
        ),
    );
  }
  if (packagesBase === undefined) return [];
  // problemAt is the one place that knows which layer set a field; only its location is used.
  const place = () => problemAt("build-config", ["build", "BuildConfig", "Packages", "Base"], "");
  return [
    new LazilyPlacedBase({ keyword: "FROM", reference: packagesBase, dockerfileLine: 1 }, place),
  ];
}

/**
 * A position inside an inline Dockerfile or a defaults layer needs the located YAML parse, which validation
 * only pays for when something is wrong (docs/decisions/core-validation-speed.md): file, line and column are
 * computed on first read.
 */
class LazilyPlacedBase implements SpecBase {
  readonly keyword: SpecBase["keyword"];
  readonly reference: string;
  readonly dockerfileLine: number;
  spec?: SpecBase["spec"];
  #place: () => { file: string; line: number; column: number };
  #position: { file: string; line: number; column: number } | undefined;

  constructor(
    base: Omit<SpecBase, "file" | "line" | "column">,
    place: () => { file: string; line: number; column: number },
  ) {
    this.keyword = base.keyword;
    this.reference = base.reference;
    this.dockerfileLine = base.dockerfileLine;
    this.#place = place;
  }

  get file(): string {
    this.#position ??= this.#place();
    return this.#position.file;
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
