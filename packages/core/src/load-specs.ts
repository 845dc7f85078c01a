/** Loads every spec under the specs folder: layering, schema, rendering and lints. */
import { byLocation } from "./by-location.ts";
import { type CheckedFile, checkSpecFile } from "./check-spec-file.ts";
import { checkDependencyCycles } from "./check-dependency-cycles.ts";
import { checkDuplicateImageUris } from "./check-duplicate-image-uris.ts";
import { checkImmutable } from "./check-immutable.ts";
import type { EnvironmentDefaults } from "./environment-defaults.ts";
import { linkSpecReferences } from "./link-spec-references.ts";
import { readFileInside } from "./read-file-inside.ts";
import { resolveSpec } from "./resolve-spec.ts";
import type { SecretHosts } from "./secret-hosts.ts";
import type { SpecFileChecks } from "./spec-file-checks.ts";
import { parseSpecReference } from "./spec-reference.ts";
import type { Problem, ResolvedSpec, SpecSource } from "./types.ts";

/** The layered defaults file name. */
export const DEFAULTS_FILE = "_defaults.yaml";

/** Options of `loadSpecs`. */
export interface LoadSpecsOptions {
  source: SpecSource;
  /** Only these spec files or folders (repository-relative); default: every `specs/<image>/<version>.yaml`. */
  paths?: string[];
  /** The environment overlay to apply, e.g. `local` or `prod`. */
  env?: string;
  /**
   * Registry and workspace per environment from outside the specs folder (the CLI passes its
   * imagebuild.config.yaml's; a running local service's registry host can come this way too). They
   * lie beneath `_defaults.yaml`: any file's own value wins, and they never add an environment to a
   * spec whose files do not define it.
   */
  environmentDefaults?: EnvironmentDefaults;
  /** Default `specs`. */
  specsDir?: string;
  /** When given, the immutability lint compares each version against this source (the base ref). */
  baseSource?: SpecSource;
  /**
   * Which registry hosts each secret may be sent to (`parseSecretHosts(process.env)`); default none, so
   * every RegistryAuths reference is a `secret-scope` error.
   */
  secretHosts?: SecretHosts;
  /**
   * The per-file checks of earlier passes over the same `source` (`specFileChecks()`), so each file
   * is parsed and checked once; default: this pass's own.
   */
  fileChecks?: SpecFileChecks;
}

/**
 * Loads, layers, validates and lints specs; never throws for bad specs (they come back as problems,
 * sorted by file and line). A spec whose own checks fail is left out of `specs`; the cross-spec and base-ref
 * lints (`duplicate-image-uri`, `immutable-version`) report errors but keep the spec, so a plan can show it.
 *
 * @example
 * const { specs, problems } = await loadSpecs({ source: directorySource("."), env: "local" });
 */
export async function loadSpecs({
  source,
  paths,
  env,
  environmentDefaults,
  specsDir = "specs",
  baseSource,
  secretHosts = {},
  fileChecks,
}: LoadSpecsOptions): Promise<{ specs: ResolvedSpec[]; problems: Problem[] }> {
  const root = specsDir.replace(/\/+$/, "");
  const problems: Problem[] = [];
  const allFiles = await source.listFiles(root);
  const present = new Set(allFiles);
  const candidates = new Set(selectFiles(allFiles, paths));
  const allVersionFiles: { file: string; imageName: string; version: string }[] = [];
  for (const file of allFiles) {
    const relative = file.slice(root.length + 1);
    const parts = relative.split("/");
    const base = parts[parts.length - 1] ?? "";
    if (base === DEFAULTS_FILE || !/\.ya?ml$/.test(base) || base.startsWith(".")) continue;
    if (parts.length !== 2 || base.endsWith(".yml")) {
      if (candidates.has(file))
        problems.push(placement(file, `spec files live at ${root}/<image-name>/<version>.yaml`));
      continue;
    }
    allVersionFiles.push({
      file,
      imageName: parts[0] ?? "",
      version: base.slice(0, -".yaml".length),
    });
  }
  const versionFiles = allVersionFiles.filter((v) => candidates.has(v.file));

  const cache = fileChecks?.byFile ?? new Map<string, Promise<CheckedFile | undefined>>();
  const reported = new Set<string>();
  const check = (file: string, kind: "ImageBuild" | "Defaults") => {
    let pending = cache.get(file);
    if (!pending) {
      pending = source
        .readFile(file)
        .then((text) => (text === undefined ? undefined : checkSpecFile({ file, text, kind })));
      cache.set(file, pending);
    }
    return pending;
  };
  // Every version in a folder has the same chain: found once per folder.
  const chains = new Map<string, string[]>();
  const defaultsFor = (file: string) => {
    const folder = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
    let chain = chains.get(folder);
    if (!chain) {
      const dirs = folder === "" ? [] : folder.split("/");
      chain = [];
      for (let depth = root.split("/").length; depth <= dirs.length; depth += 1) {
        const candidate = `${dirs.slice(0, depth).join("/")}/${DEFAULTS_FILE}`;
        if (present.has(candidate)) chain.push(candidate);
      }
      chains.set(folder, chain);
    }
    return chain;
  };

  const specs: ResolvedSpec[] = [];
  let envDefined = false;
  let attempted = false;
  const resolveAll = async (
    files: { file: string; imageName: string; version: string }[],
    report: boolean,
  ) => {
    const resolvedSpecs: ResolvedSpec[] = [];
    // All checks at once, not an async step per file: two waits, whatever the number of files.
    const defaultFiles = [...new Set(files.flatMap(({ file }) => defaultsFor(file)))];
    const checkedDefaults = new Map(
      (await Promise.all(defaultFiles.map((d) => check(d, "Defaults")))).map((checked, index) => [
        defaultFiles[index] as string,
        checked,
      ]),
    );
    const selves = await Promise.all(files.map(({ file }) => check(file, "ImageBuild")));
    const results = files.map(({ file, imageName, version }, index) => ({
      file,
      imageName,
      version,
      defaults: defaultsFor(file).map((d) => checkedDefaults.get(d)),
      self: selves[index],
    }));
    for (const { file, imageName, version, defaults, self } of results) {
      const checked = [...defaults, self].filter((f): f is CheckedFile => f !== undefined);
      for (const one of checked) {
        if (!report || reported.has(one.parsed.file)) continue;
        reported.add(one.parsed.file);
        problems.push(...one.problems);
      }
      if (!self || checked.some((one) => !one.ok)) continue;
      const resolved = await resolveSpec({
        file,
        imageName,
        version,
        defaults: defaults.filter((d): d is CheckedFile => d !== undefined),
        self,
        env,
        environmentDefaults,
        secretHosts,
        readSidecar: (path, folder) => readFileInside(source, path, folder),
      });
      if (!report) {
        if (resolved.spec) resolvedSpecs.push(resolved.spec);
        continue;
      }
      problems.push(...resolved.problems);
      attempted = true;
      if (!resolved.notInEnv) envDefined = true;
      if (resolved.spec) resolvedSpecs.push(resolved.spec);
    }
    return resolvedSpecs;
  };
  specs.push(...(await resolveAll(versionFiles, true)));
  // Specs named by spec references but not selected are loaded too (quietly), to link and order them.
  const known = [...specs];
  const loadedImages = new Set(versionFiles.map((v) => v.imageName));
  for (;;) {
    const wanted = new Set(
      known.flatMap((spec) =>
        spec.bases
          .map((base) => parseSpecReference(base.reference)?.imageName)
          .filter((name): name is string => name !== undefined && !loadedImages.has(name)),
      ),
    );
    if (wanted.size === 0) break;
    for (const name of wanted) loadedImages.add(name);
    const extra = allVersionFiles.filter((v) => wanted.has(v.imageName));
    known.push(...(await resolveAll(extra, false)));
  }
  // Only the selected specs' problems are reported; the others were loaded to link and order them.
  const reportFor = new Set(specs.map((spec) => spec.file));
  problems.push(
    ...linkSpecReferences({ specs: known, known, present, env, specsDir: root, reportFor }),
    ...checkDependencyCycles(known, reportFor),
  );

  if (env !== undefined && attempted && !envDefined) {
    const file = versionFiles[0]?.file ?? root;
    problems.push({
      ruleId: "unknown-environment",
      severity: "error",
      file,
      line: 1,
      column: 1,
      message: `no spec or ${DEFAULTS_FILE} defines the environment "${env}" (environments.${env})`,
    });
  }
  problems.push(...checkDuplicateImageUris(specs));
  if (baseSource) problems.push(...(await checkImmutable({ specs, baseSource })));
  return { specs, problems: dedupe(problems).sort(byLocation) };
}

function selectFiles(allFiles: string[], paths: string[] | undefined): string[] {
  if (!paths) return allFiles;
  const wanted = paths.map((p) => p.replace(/^\.\//, "").replace(/\/+$/, ""));
  return allFiles.filter((file) => wanted.some((p) => file === p || file.startsWith(`${p}/`)));
}

function placement(file: string, message: string): Problem {
  return { ruleId: "path-name-tag", severity: "error", file, line: 1, column: 1, message };
}

function dedupe(problems: Problem[]): Problem[] {
  // Keyed by place and rule; the messages (often long) are compared only where those meet.
  const seen = new Map<string, string[]>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.ruleId}`;
    const messages = seen.get(key);
    if (!messages) {
      seen.set(key, [p.message]);
      return true;
    }
    if (messages.includes(p.message)) return false;
    messages.push(p.message);
    return true;
  });
}
