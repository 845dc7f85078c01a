/** Reads a file only when it lies inside a folder: lexically for every source, by real path where the source has one. */
import path from "node:path";
import type { InsideRead, SpecSource } from "./types.ts";

/**
 * Reads repository path `file` from `source` only if it stays inside `folder` (both repository-relative
 * POSIX paths): `..` or an absolute path is `outside` for every source, and a source with
 * `readFileInside` (directory, git) also refuses a symlink that resolves out of the folder.
 *
 * @example
 * await readFileInside(directorySource("."), "specs/a/Dockerfile", "specs/a"); // { status: "read", text: "FROM …" }
 * await readFileInside(memorySource({}), "specs/a/../../etc/passwd", "specs/a"); // { status: "outside" }
 */
export async function readFileInside(
  source: SpecSource,
  file: string,
  folder: string,
): Promise<InsideRead> {
  if (!isInsideFolder(file, folder)) return { status: "outside" };
  if (source.readFileInside) return source.readFileInside(file, folder);
  const text = await source.readFile(file);
  return text === undefined ? { status: "missing" } : { status: "read", text };
}

/**
 * Whether POSIX path `file` names something strictly inside `folder`, after resolving `.` and `..`.
 *
 * @example
 * isInsideFolder("specs/a/../b/Dockerfile", "specs/a"); // false
 */
export function isInsideFolder(file: string, folder: string): boolean {
  if (path.posix.isAbsolute(file)) return false;
  const relative = path.posix.relative(path.posix.normalize(folder), path.posix.normalize(file));
  return (
    relative !== "" &&
    !relative.startsWith("../") &&
    relative !== ".." &&
    !path.posix.isAbsolute(relative)
  );
}
