/** The `immutable-version` lint: a version that exists at the base ref may not change unless its policy allows it. */
import { canonicalJson } from "@imagebuild/pai-client/canonical-json";
import { isPlainObject } from "./merge-layers.ts";
import { locate, parseYaml } from "./parsed-yaml.ts";
import { readFileInside } from "./read-file-inside.ts";
import type { Problem, ResolvedSpec, SpecSource } from "./types.ts";

/**
 * Compares each spec's own content (parsed YAML and sidecar Dockerfile; comments and layout do not count)
 * with the same file at the base. A difference is an error when `policy.tag` is `immutable`.
 *
 * @example
 * const problems = await checkImmutable({ specs, baseSource: gitSource({ repoDir: ".", revision: "main" }) });
 */
export async function checkImmutable({
  specs,
  baseSource,
}: {
  specs: ResolvedSpec[];
  baseSource: SpecSource;
}): Promise<Problem[]> {
  const problems = await Promise.all(
    specs.map(async (spec): Promise<Problem | undefined> => {
      if (spec.policy.tag !== "immutable") return undefined;
      const baseText = await baseSource.readFile(spec.file);
      if (baseText === undefined) return undefined;
      const baseKey = await baseContentKey({ spec, baseText, baseSource });
      if (baseKey.key === spec.contentKey) return undefined;
      const head = parseYaml({ file: spec.file, text: spec.sourceText });
      const path = baseKey.value === undefined ? [] : firstDifference(head.value, baseKey.value);
      const where =
        baseKey.sidecarChanged && path.length === 0
          ? locate(head, ["build", "BuildConfig", "DockerfileFile"])
          : locate(head, path);
      const what = path.length > 0 ? `${path.join(".")} changed` : "the Dockerfile changed";
      return {
        ruleId: "immutable-version",
        severity: "error",
        file: spec.file,
        line: where.line,
        column: where.column,
        message: `${what} since the base ${baseSource.description}, but version ${spec.version} is immutable: add a new version file, or set policy.tag to overwrite or dated`,
      };
    }),
  );
  return problems.filter((p): p is Problem => p !== undefined);
}

async function baseContentKey({
  spec,
  baseText,
  baseSource,
}: {
  spec: ResolvedSpec;
  baseText: string;
  baseSource: SpecSource;
}): Promise<{ key: string; value: unknown; sidecarChanged: boolean }> {
  const parsed = parseYaml({ file: spec.file, text: baseText });
  const sidecar = spec.dockerfileFile
    ? await baseSidecar(baseSource, spec.dockerfileFile)
    : undefined;
  const headSidecar = (JSON.parse(spec.contentKey) as { dockerfile?: string }).dockerfile;
  return {
    key: canonicalJson({ spec: parsed.value, dockerfile: sidecar }),
    value: parsed.value,
    sidecarChanged: sidecar !== headSidecar,
  };
}

/** Read as the head's sidecar was: a link is followed only inside the spec's folder, on both sides alike. */
async function baseSidecar(baseSource: SpecSource, sidecar: string): Promise<string | undefined> {
  const read = await readFileInside(
    baseSource,
    sidecar,
    sidecar.slice(0, sidecar.lastIndexOf("/")),
  );
  return read.status === "read" ? read.text : undefined;
}

function firstDifference(head: unknown, base: unknown, path: string[] = []): string[] {
  if (isPlainObject(head) && isPlainObject(base)) {
    for (const key of new Set([...Object.keys(head), ...Object.keys(base)])) {
      if (canonicalJson(head[key]) !== canonicalJson(base[key])) {
        return key in head ? firstDifference(head[key], base[key], [...path, key]) : path;
      }
    }
  }
  return path;
}
