/** Finds the git work tree around a folder the way git does, by looking for `.git` upwards, without running git. */
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The nearest folder at or above `start` that holds `.git`: the work tree's root, or undefined
 * outside any work tree.
 *
 * @example
 * gitRoot("/repo/specs/debian-tools") // "/repo"
 */
export function gitRoot(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
