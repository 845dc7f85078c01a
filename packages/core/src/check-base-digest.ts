/** The `pin-base-digest` lint: an immutable version's external bases should name a digest, not only a tag. */
import { parseImageReference } from "@imagebuild/pai-client/registry";
import { pinningProblem } from "./check-from-pinning.ts";
import { memoizeByText } from "./memoize-by-text.ts";
import { isSpecReference } from "./spec-reference.ts";
import type { Problem, SpecBase, TagPolicy } from "./types.ts";

/**
 * Warns about each `FROM`/`COPY --from` image (or the `Packages.Base` of a PackageInstallation) that has
 * a tag but no `@sha256:` digest, when the spec's tag policy is `immutable`: a tag can move, so
 * rebuilding the same version could give another image. Spec references (`imagebuild:<image>:<version>`) are this
 * repository's own images and are left alone; so are ARG-made references (`${BASE}`), known only at
 * build time, and references `dockerfile-pinned-from` already reports (no tag, `latest`, invalid).
 *
 * @example
 * checkBaseDigest({ bases, tagPolicy: "immutable" })
 * // [{ ruleId: "pin-base-digest", severity: "warning", file: "specs/a/Dockerfile", line: 1, column: 1,
 * //    message: "FROM debian:bookworm has no digest, … imagebuild pin specs/a/1.0.0.yaml writes the index digest …" }]
 */
export function checkBaseDigest({
  file,
  bases,
  tagPolicy,
  rendered = false,
}: {
  /** The spec file, named in the `imagebuild pin` suggestion. */
  file: string;
  bases: SpecBase[];
  tagPolicy: TagPolicy;
  /** The Dockerfile is rendered from `Packages`: its one base is `Packages.Base`. */
  rendered?: boolean;
}): Problem[] {
  if (tagPolicy !== "immutable") return [];
  const problems: Problem[] = [];
  for (const base of bases) {
    if (!needsDigest(base.reference)) continue;
    const what = rendered ? "Packages.Base" : base.keyword;
    problems.push({
      ruleId: "pin-base-digest",
      severity: "warning",
      file: base.file,
      line: base.line,
      column: base.column,
      message: `${what} ${base.reference} has no digest, so a rebuild of this immutable version may get another image under the tag: before it is first built, imagebuild pin ${file} writes the index digest (${base.reference}@sha256:…); a built version needs a new version to pin`,
    });
  }
  return problems;
}

/**
 * Whether a base as written is an external image named by a tag alone: the references `imagebuild pin`
 * writes a digest into.
 *
 * @example
 * needsDigest("debian:bookworm") // true
 * needsDigest("imagebuild:debian-tools:1.0.0") // false
 */
export const needsDigest = memoizeByText((reference): boolean => {
  if (reference.includes("$") || isSpecReference(reference)) return false;
  if (pinningProblem(reference) !== undefined) return false;
  const parsed = parseImageReference(reference);
  return parsed.ok && parsed.value.digest === undefined;
});
