/** A SpecSource over a directory on disk (the working tree). */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { InsideRead, SpecSource } from "./types.ts";

/**
 * Reads spec files from `rootDir`; paths are POSIX and relative to it.
 *
 * @example
 * const source = directorySource("/work/repo");
 * await source.listFiles("specs"); // ["specs/_defaults.yaml", "specs/busybox-tools/1.0.0.yaml", …]
 */
export function directorySource(rootDir: string): SpecSource {
  const root = path.resolve(rootDir);
  const rootPrefix = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  return {
    description: `dir:${root}`,
    async readFile(file) {
      try {
        // Spec files are small: a synchronous read is ~10x cheaper than a thread-pool round trip, and
        // loadSpecs reads thousands of them at once (bench/core-validate.ts). Same for the listing.
        return readFileSync(path.join(root, ...file.split("/")), "utf8");
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async readFileInside(file, folder) {
      return readInside(path.join(root, ...file.split("/")), path.join(root, ...folder.split("/")));
    },
    async listFiles(prefix) {
      const start = path.join(root, ...prefix.split("/").filter(Boolean));
      try {
        const entries = readdirSync(start, { recursive: true, withFileTypes: true });
        // Every parentPath starts with `start`, itself under `root`: slicing is far cheaper than
        // path.relative for thousands of files.
        return entries
          .filter((entry) => entry.isFile())
          .map((entry) => {
            const dir = entry.parentPath === root ? "" : entry.parentPath.slice(rootPrefix.length);
            const posix = path.sep === "/" ? dir : dir.split(path.sep).join("/");
            return posix === "" ? entry.name : `${posix}/${entry.name}`;
          })
          .sort();
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
  };
}

/**
 * Reads `full` only if its real path is a regular file under the real path of `folder`, and reads it by
 * that real path, so a symlink swapped in between cannot point the read elsewhere.
 */
function readInside(full: string, folder: string): InsideRead {
  let real: string;
  let realFolder: string;
  try {
    realFolder = realpathSync(folder);
    real = realpathSync(full);
  } catch (error) {
    // A dangling or looping link says nothing about its target: whether a file out there exists stays unknown.
    if ((error as { code?: string }).code === "ELOOP") return { status: "outside" };
    if (!isMissing(error)) throw error;
    return isLink(full) ? { status: "outside" } : { status: "missing" };
  }
  const relative = path.relative(realFolder, real);
  if (
    relative === "" ||
    relative.startsWith(`..${path.sep}`) ||
    relative === ".." ||
    path.isAbsolute(relative)
  )
    return { status: "outside" };
  if (!statSync(real).isFile()) return { status: "not-a-file" };
  return { status: "read", text: readFileSync(real, "utf8") };
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "ENOENT" || code === "ENOTDIR";
}
