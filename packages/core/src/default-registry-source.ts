/** A SpecSource whose root `_defaults.yaml` carries a default `registry`, for an environment whose registry is known only where the specs are loaded. */
import { DEFAULTS_FILE } from "./load-specs.ts";
import { parseYaml } from "./parsed-yaml.ts";
import type { SpecSource } from "./types.ts";

/**
 * Serves `source` with `registry` as the top-level `registry` of `<specsDir>/_defaults.yaml`, the lowest
 * layer: every other layer and environment overlay that names a registry (or an `Image.Uri`) still wins,
 * and a root defaults file that names one keeps it. Without a root defaults file, one holding only the
 * registry is served. The line is appended, so problems in the real file keep their line numbers; a file
 * the line cannot be appended to cleanly (not a block mapping) is served unchanged. Apply it only to the
 * environment the registry belongs to (see docs/decisions/cli-local-registry.md).
 *
 * @example
 * const source = defaultRegistrySource({ source: directorySource("."), registry: "127.0.0.1:5000/pai" });
 * await loadSpecs({ source, env: "local" }); // Image.Uri 127.0.0.1:5000/pai/<image>:<version> unless a spec says otherwise
 */
export function defaultRegistrySource({
  source,
  registry,
  specsDir = "specs",
}: {
  source: SpecSource;
  /** Host and namespace, e.g. `127.0.0.1:5000/pai`. */
  registry: string;
  specsDir?: string;
}): SpecSource {
  const rootDefaults = `${specsDir.replace(/\/+$/, "")}/${DEFAULTS_FILE}`;
  const line = `registry: ${JSON.stringify(registry)}\n`;
  const wrapped: SpecSource = {
    description: source.description,
    async readFile(path) {
      const text = await source.readFile(path);
      if (path !== rootDefaults) return text;
      if (text === undefined) return `apiVersion: imagebuild/v1\nkind: Defaults\n${line}`;
      return withRegistry(path, text, line, registry);
    },
    async listFiles(prefix) {
      const files = await source.listFiles(prefix);
      const dir = prefix.replace(/\/+$/, "");
      const covers = dir === "" || rootDefaults.startsWith(`${dir}/`);
      return covers && !files.includes(rootDefaults) ? [...files, rootDefaults].sort() : files;
    },
  };
  if (source.readFileInside) wrapped.readFileInside = source.readFileInside.bind(source);
  return wrapped;
}

function withRegistry(file: string, text: string, line: string, registry: string): string {
  const own = parseYaml({ file, text }).value;
  if (!isMapping(own) || "registry" in own) return text;
  const amended = `${text}${text.endsWith("\n") || text === "" ? "" : "\n"}${line}`;
  const check = parseYaml({ file, text: amended }).value;
  return isMapping(check) && check.registry === registry ? amended : text;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
