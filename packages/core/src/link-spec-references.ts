/** The `spec-reference` lint: links each `imagebuild:<image>:<version>` to the spec it names, in the same environment. */
import {
  compareVersions,
  isSpecReference,
  LATEST_SPEC_VERSION,
  parseSpecReference,
} from "./spec-reference.ts";
import type { Problem, ResolvedSpec } from "./types.ts";

/**
 * Sets `base.spec` on every spec reference of `specs`, looking the target up among `known` (every spec
 * loaded in the environment, the selected ones included). `latest` is the highest version of the image.
 * A reference that is malformed, names no spec, or a spec not built in the environment is an error.
 *
 * @example
 * const problems = linkSpecReferences({ specs, known: specs, present: new Set(files), env: "local" });
 */
export function linkSpecReferences({
  specs,
  known,
  present,
  env,
  specsDir,
  reportFor,
}: {
  specs: readonly ResolvedSpec[];
  known: readonly ResolvedSpec[];
  /** Every file of the source, to tell "no such spec" from "not built in this environment". */
  present: ReadonlySet<string>;
  env: string | undefined;
  specsDir: string;
  /** Report problems only for these spec files (default: all of `specs`). */
  reportFor?: ReadonlySet<string>;
}): Problem[] {
  const byImage = new Map<string, ResolvedSpec[]>();
  for (const spec of known)
    byImage.set(spec.imageName, [...(byImage.get(spec.imageName) ?? []), spec]);
  const problems: Problem[] = [];
  for (const spec of specs) {
    for (const base of spec.bases) {
      if (!isSpecReference(base.reference)) continue;
      const report = !reportFor || reportFor.has(spec.file);
      const problem = (message: string): Problem => ({
        ruleId: "spec-reference",
        severity: "error",
        file: base.file,
        line: base.line,
        column: base.column,
        message: `${base.keyword} ${base.reference}: ${message}`,
      });
      const wanted = parseSpecReference(base.reference);
      if (!wanted) {
        if (report)
          problems.push(
            problem(
              "not a spec reference: write imagebuild:<image>:<version> or imagebuild:<image>:latest",
            ),
          );
        continue;
      }
      const versions = byImage.get(wanted.imageName) ?? [];
      const target =
        wanted.version === LATEST_SPEC_VERSION
          ? [...versions].sort((a, b) => compareVersions(a.version, b.version)).at(-1)
          : versions.find((candidate) => candidate.version === wanted.version);
      if (!target) {
        if (!report) continue;
        const file =
          wanted.version === LATEST_SPEC_VERSION
            ? `${specsDir}/${wanted.imageName}/`
            : `${specsDir}/${wanted.imageName}/${wanted.version}.yaml`;
        const exists =
          wanted.version === LATEST_SPEC_VERSION
            ? [...present].some((f) => f.startsWith(file))
            : present.has(file);
        const where = env === undefined ? "" : ` in environment "${env}"`;
        problems.push(
          problem(
            exists
              ? `${file} is not built${where} (no overlay for it) or has errors of its own`
              : `no spec ${file}: name an image folder and version file of ${specsDir}/`,
          ),
        );
        continue;
      }
      base.spec = {
        file: target.file,
        imageUri: target.request.Image.Uri,
        dated: target.policy.tag === "dated",
      };
    }
  }
  return problems;
}
