/** A SpecSource over files held in memory: tests, and callers that already fetched the files (OSS, a provider API). */
import type { SpecSource } from "./types.ts";

/**
 * Serves the given repository-relative files.
 *
 * @example
 * const source = memorySource({ "specs/a/1.0.yaml": "apiVersion: imagebuild/v1\nkind: ImageBuild\n" });
 */
export function memorySource(
  files: Readonly<Record<string, string>>,
  description = "memory",
): SpecSource {
  const paths = Object.keys(files).sort();
  return {
    description,
    async readFile(path) {
      return Object.hasOwn(files, path) ? files[path] : undefined;
    },
    async listFiles(prefix) {
      const dir = prefix.replace(/\/+$/, "");
      return paths.filter((path) => dir === "" || path.startsWith(`${dir}/`));
    },
  };
}
