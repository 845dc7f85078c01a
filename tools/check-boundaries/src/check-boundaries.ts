/** Finds package.json dependencies and imports that cross the arrows of docs/architecture.md. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { allowedFor, type Arrows, readArrows } from "./read-arrows.ts";
import { findImports } from "./find-imports.ts";

/** The folders of a package whose imports are checked; `tests/` is exempt. */
const CHECKED_DIRS = ["src", "scripts", "bench"];
const SOURCE_FILE = /\.(?:[cm]?[jt]s|tsx)$/;
const DEPENDENCY_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies"] as const;
/** The shared test harness: tests and benchmarks may import it, no package's code may. */
const TEST_HARNESS = "test-support";

/** A workspace package: its short name (the arrows' name), package name and folder. */
interface WorkspacePackage {
  name: string;
  packageName: string;
  dir: string;
}

/**
 * Returns one line per violation, `file: imports X, not allowed (arrows: …)`, paths relative to
 * `root`; an empty list when every dependency follows the arrows.
 *
 * @example
 * checkBoundaries({ root: "/repo" })
 * // ["packages/local-pai/package.json: imports @imagebuild/core, not allowed (arrows: local-pai → pai-client, schema)"]
 */
export function checkBoundaries({
  root,
  architectureFile = "docs/architecture.md",
}: {
  root: string;
  architectureFile?: string;
}): string[] {
  const arrows = readArrows(
    readFileSync(path.join(root, architectureFile), "utf8"),
    architectureFile,
  );
  const packages = workspacePackages(root);
  const byPackageName = new Map(packages.map((pkg) => [pkg.packageName, pkg]));
  const violations: string[] = [];
  const check = (owner: WorkspacePackage, file: string, target: WorkspacePackage) => {
    if (target === owner || allowedFor(arrows, owner.name).has(target.name)) return;
    violations.push(
      `${file}: imports ${target.packageName}, not allowed (arrows: ${describe(arrows, owner.name)})`,
    );
  };

  for (const pkg of packages) {
    const manifestFile = path.join(pkg.dir, "package.json");
    if (!arrows.has(pkg.name)) {
      violations.push(
        `${manifestFile}: package ${pkg.name} is not in ${architectureFile}'s arrows`,
      );
      continue;
    }
    const manifest = JSON.parse(readFileSync(path.join(root, manifestFile), "utf8"));
    for (const field of DEPENDENCY_FIELDS)
      for (const dependency of Object.keys(manifest[field] ?? {})) {
        const target = byPackageName.get(dependency);
        if (target) check(pkg, manifestFile, target);
      }
    for (const dir of CHECKED_DIRS)
      for (const file of sourceFiles(root, path.join(pkg.dir, dir)))
        for (const target of importedPackages(root, file, packages, byPackageName))
          check(pkg, file, target);
  }

  // bench/<package>-*.ts at the repository root measures that package and may import what it may.
  for (const file of sourceFiles(root, "bench")) {
    const owner = ownerOfBench(file, packages);
    if (!owner) {
      violations.push(`${file}: name it bench/<package>-….ts so its imports can be checked`);
      continue;
    }
    for (const target of importedPackages(root, file, packages, byPackageName))
      if (target.name !== TEST_HARNESS) check(owner, file, target);
  }
  return violations;
}

function workspacePackages(root: string): WorkspacePackage[] {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    workspaces?: string[];
  };
  const dirs = (manifest.workspaces ?? []).flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [pattern];
    const parent = pattern.slice(0, -2);
    if (!existsSync(path.join(root, parent))) return [];
    return readdirSync(path.join(root, parent)).map((child) => `${parent}/${child}`);
  });
  return dirs
    .filter((dir) => existsSync(path.join(root, dir, "package.json")))
    .sort()
    .map((dir) => {
      const { name } = JSON.parse(readFileSync(path.join(root, dir, "package.json"), "utf8"));
      return { name: String(name).replace(/^@[^/]+\//, ""), packageName: String(name), dir };
    });
}

function sourceFiles(root: string, dir: string): string[] {
  const absolute = path.join(root, dir);
  if (!existsSync(absolute)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(absolute).sort()) {
    if (entry === "node_modules" || entry === "dist" || entry === "tests") continue;
    const child = path.join(dir, entry);
    if (statSync(path.join(root, child)).isDirectory()) files.push(...sourceFiles(root, child));
    else if (SOURCE_FILE.test(entry) && !entry.endsWith(".d.ts")) files.push(child);
  }
  return files;
}

function importedPackages(
  root: string,
  file: string,
  packages: WorkspacePackage[],
  byPackageName: Map<string, WorkspacePackage>,
): WorkspacePackage[] {
  const found = new Set<WorkspacePackage>();
  for (const specifier of findImports(readFileSync(path.join(root, file), "utf8"))) {
    if (specifier.startsWith(".")) {
      const target = path.join(path.dirname(file), specifier);
      const owner = packages.find((pkg) => target === pkg.dir || target.startsWith(`${pkg.dir}/`));
      if (owner) found.add(owner);
      continue;
    }
    const packageName = specifier.startsWith("@")
      ? specifier.split("/").slice(0, 2).join("/")
      : (specifier.split("/")[0] as string);
    const target = byPackageName.get(packageName);
    if (target) found.add(target);
  }
  return [...found];
}

function ownerOfBench(file: string, packages: WorkspacePackage[]): WorkspacePackage | undefined {
  const base = path.basename(file);
  return packages
    .filter((pkg) => base.startsWith(`${pkg.name}-`))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

function describe(arrows: Arrows, name: string): string {
  const allowed = [...allowedFor(arrows, name)].sort();
  return `${name} → ${allowed.length > 0 ? allowed.join(", ") : "nothing"}`;
}
