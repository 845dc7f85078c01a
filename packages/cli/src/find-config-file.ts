/** Finds `imagebuild.config.yaml` from a folder up to the repository root, without reading it. */
import { existsSync } from "node:fs";
import path from "node:path";

/** The config file's name, looked for from the working folder up to the repository root. */
export const CONFIG_FILE = "imagebuild.config.yaml";

/**
 * The nearest `imagebuild.config.yaml` in `start` or a folder above it, not above `stopAt` (the
 * git work tree's root, when there is one).
 *
 * @example
 * findConfigFile({ start: "/repo/specs/debian-tools", stopAt: "/repo" }) // "/repo/imagebuild.config.yaml"
 */
export function findConfigFile({
  start,
  stopAt,
}: {
  start: string;
  stopAt: string | undefined;
}): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dir === stopAt || path.dirname(dir) === dir) return undefined;
  }
}
