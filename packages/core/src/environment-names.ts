/** Finds the environment names (`environments.<name>`) that spec and defaults files define. */
import { parseYaml } from "./parsed-yaml.ts";
import type { SpecSource } from "./types.ts";

/**
 * Every key under `environments` in the YAML files under `specsDir`, sorted. A file whose
 * `environments` is written in plain block style is read line by line (a syntax error elsewhere in
 * it is `loadSpecs`'s to report); any other is parsed, and ignored when it does not parse. With
 * `until`, the search stops at the first file that defines that name, and gives the names seen so
 * far: enough to know it is defined, without reading every file's environments.
 *
 * @example
 * await environmentNames({ source: directorySource("/repo"), specsDir: "specs" }); // ["local", "prod"]
 * await environmentNames({ source, specsDir: "specs", until: "prod" }); // ["prod"]: the first file defines it
 */
export async function environmentNames({
  source,
  specsDir,
  until,
}: {
  source: SpecSource;
  specsDir: string;
  until?: string | undefined;
}): Promise<string[]> {
  const names = new Set<string>();
  const files = (await source.listFiles(specsDir)).filter((f) => f.endsWith(".yaml"));
  for (const file of files) {
    if (until !== undefined && names.has(until)) break;
    const text = await source.readFile(file);
    // Most files name no environment; of those that do, the common layout is read without a parse.
    if (text === undefined || !text.includes("environments")) continue;
    const scanned = scanEnvironmentKeys(text);
    if (scanned) {
      for (const name of scanned) names.add(name);
      continue;
    }
    const { value } = parseYaml({ file, text });
    const environments = (value as { environments?: unknown } | null | undefined)?.environments;
    if (environments && typeof environments === "object" && !Array.isArray(environments)) {
      for (const name of Object.keys(environments)) names.add(name);
    }
  }
  return [...names].sort();
}

/** A top-level `environments:` key of a block mapping, alone on its line (a comment may follow). */
const ENVIRONMENTS_KEY = /^environments:[ \t]*(#.*)?$/m;
/** An indented line, split into its indentation and the rest. */
const INDENTED_LINE = /^( +)(\S.*)$/;
/** A plain key such as `prod:` or `cn-hangzhou.local:` whose value (a block mapping) starts below. */
const PLAIN_KEY = /^([A-Za-z0-9][A-Za-z0-9_.-]*):[ \t]*(#.*)?$/;

/**
 * The keys under a top-level block `environments:`, read line by line: the lines at the first
 * indentation below the key, up to the next unindented line, each a plain `name:` with its value
 * below; deeper lines are those values. Undefined when the file is written otherwise (flow style,
 * quoted keys, tabs, an anchor, a value on a key's line); then the caller parses it.
 */
function scanEnvironmentKeys(text: string): string[] | undefined {
  const key = ENVIRONMENTS_KEY.exec(text);
  if (!key) return undefined;
  const keys: string[] = [];
  let indent: number | undefined;
  for (const line of text
    .slice(key.index + key[0].length)
    .split("\n")
    .slice(1)) {
    const trimmed = line.trim();
    if (trimmed === "" || (trimmed.startsWith("#") && !line.startsWith("\t"))) continue;
    const indented = INDENTED_LINE.exec(line.replace(/\r$/, ""));
    if (!indented) {
      if (/^[^ \t]/.test(line)) break; // the next top-level key
      return undefined;
    }
    const width = indented[1]?.length ?? 0;
    indent ??= width;
    if (width > indent) continue;
    const plain = width === indent ? PLAIN_KEY.exec(indented[2] ?? "") : null;
    if (!plain?.[1]) return undefined;
    keys.push(plain[1]);
  }
  return keys;
}
