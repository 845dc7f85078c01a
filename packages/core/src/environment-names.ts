/** Finds the environment names (`environments.<name>`) that spec and defaults files define. */
import type { SpecSource } from "@imagebuild/core";
import { parse } from "yaml";

/**
 * Every key under `environments` in the YAML files under `specsDir`, sorted. Files that do not
 * parse are ignored here; `loadSpecs` reports them.
 *
 * @example
 * await environmentNames({ source: directorySource("/repo"), specsDir: "specs" }); // ["local", "prod"]
 */
export async function environmentNames({
  source,
  specsDir,
}: {
  source: SpecSource;
  specsDir: string;
}): Promise<string[]> {
  const names = new Set<string>();
  const files = (await source.listFiles(specsDir)).filter((f) => f.endsWith(".yaml"));
  for (const file of files) {
    const text = await source.readFile(file);
    if (text === undefined) continue;
    let doc: unknown;
    try {
      doc = parse(text);
    } catch {
      continue;
    }
    const environments = (doc as { environments?: unknown } | null)?.environments;
    if (environments && typeof environments === "object" && !Array.isArray(environments)) {
      for (const name of Object.keys(environments)) names.add(name);
    }
  }
  return [...names].sort();
}
