/** Finds the repository root and the specs folder from `--dir`, and turns spec arguments into repository paths. */
import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "./command.ts";

/** Where specs live: the root that file paths are relative to, and the specs folder inside it. */
export interface SpecsLocation {
  /** The git work tree holding the specs folder, else the folder's parent. */
  rootDir: string;
  /** POSIX path of the specs folder relative to `rootDir`, e.g. `specs`. */
  specsDir: string;
}

/**
 * Resolves `--dir` (relative to `cwd`). Paths are made relative to the enclosing git work tree so
 * they match `git` revisions (for `--base`) and CI annotations; outside git, to the folder's parent.
 *
 * @example
 * specsLocation({ dir: ".", cwd: "/repo/specs" }); // { rootDir: "/repo", specsDir: "specs" }
 */
export function specsLocation({ dir, cwd }: { dir: string; cwd: string }): SpecsLocation {
  const absolute = path.resolve(cwd, dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new UsageError(`--dir: ${dir} is not a directory`);
  }
  const rootDir = gitRoot(absolute) ?? path.dirname(absolute);
  return { rootDir, specsDir: toPosix(path.relative(rootDir, absolute)) || "." };
}

/**
 * Turns spec arguments (files, or folders meaning every version in them) into POSIX paths relative
 * to `rootDir`. A path that does not exist or lies outside the specs folder is a usage error.
 *
 * @example
 * await specPaths({ args: ["specs/tools"], cwd: "/repo", location }); // ["specs/tools/1.0.0.yaml"]
 */
export async function specPaths({
  args,
  cwd,
  location,
}: {
  args: string[];
  cwd: string;
  location: SpecsLocation;
}): Promise<string[]> {
  const specsRoot = path.join(location.rootDir, location.specsDir);
  const out: string[] = [];
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    const relative = path.relative(specsRoot, absolute);
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
      throw new UsageError(`${arg}: not inside the specs folder ${specsRoot}`);
    }
    if (!existsSync(absolute)) throw new UsageError(`${arg}: no such file or directory`);
    const files = statSync(absolute).isDirectory() ? await versionFiles(absolute) : [absolute];
    for (const file of files) out.push(toPosix(path.relative(location.rootDir, file)));
  }
  return [...new Set(out)];
}

async function versionFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".yaml") && e.name !== "_defaults.yaml")
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function gitRoot(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
