/** Finds an executable on PATH (plus the sbin folders, which a non-root PATH often lacks). */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** Folders searched after PATH: debootstrap lives in /usr/sbin. */
const EXTRA_DIRS = ["/usr/sbin", "/sbin"];

/**
 * Returns the absolute path of `name`, or undefined when no executable of that name is found.
 *
 * @example
 * findCommand({ name: "buildah" }); // "/usr/bin/buildah"
 */
export function findCommand({
  name,
  searchPath = process.env.PATH ?? "",
  extraDirs = EXTRA_DIRS,
}: {
  name: string;
  searchPath?: string;
  extraDirs?: string[];
}): string | undefined {
  const dirs = [...searchPath.split(delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
