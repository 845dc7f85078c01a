/** A SpecSource over a directory on disk (the working tree). */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SpecSource } from "./types.ts";

/**
 * Reads spec files from `rootDir`; paths are POSIX and relative to it.
 *
 * @example
 * const source = directorySource("/work/repo");
 * await source.listFiles("specs"); // ["specs/_defaults.yaml", "specs/busybox-tools/1.0.0.yaml", …]
 */
export function directorySource(rootDir: string): SpecSource {
  const root = path.resolve(rootDir);
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
    async listFiles(prefix) {
      const start = path.join(root, ...prefix.split("/").filter(Boolean));
      try {
        const entries = readdirSync(start, { recursive: true, withFileTypes: true });
        return entries
          .filter((entry) => entry.isFile())
          .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
          .map((file) => file.split(path.sep).join("/"))
          .sort();
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "ENOENT" || code === "ENOTDIR";
}
