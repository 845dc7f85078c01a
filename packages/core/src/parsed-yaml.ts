/** A YAML file parsed with source ranges, so any field path can be turned into a line and column. */
import { CORE_SCHEMA, load } from "js-yaml";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { readBlockYaml } from "./read-block-yaml.ts";
import { lineAt } from "./split-lines.ts";
import type { Outline } from "./yaml-outline.ts";

/**
 * One parsed YAML file. A file written in plain block style is read in one pass that gives the value and
 * where every field is (`readBlockYaml`); any other file's value comes from js-yaml, and its positions
 * from `yaml` with a LineCounter, made only when a location is asked for (see
 * docs/decisions/core-validation-speed.md).
 *
 * @example
 * const parsed = parseYaml({ file: "specs/a/1.0.yaml", text });
 * locate(parsed, ["build", "Image", "Name"]); // { line: 5, column: 11, found: true }
 */
export interface ParsedYaml {
  file: string;
  text: string;
  /** The plain value, or undefined when the YAML did not parse. */
  value: unknown;
  /** Syntax errors with their positions. */
  errors: { line: number; column: number; message: string }[];
  /** The document with source ranges, built on first use. */
  ranges(): { root: Node | null; lineCounter: LineCounter };
  /** Where the fields of a file written in plain block style are; undefined for any other file. */
  outline(): Outline | undefined;
}

/**
 * Parses YAML (1.2 core schema: no timestamps, no merge keys).
 *
 * @example
 * parseYaml({ file: "specs/_defaults.yaml", text: "apiVersion: imagebuild/v1\n" }).value
 */
export function parseYaml({ file, text }: { file: string; text: string }): ParsedYaml {
  let detailed: ReturnType<typeof parseWithRanges> | undefined;
  const ranges = () => {
    detailed ??= parseWithRanges(text);
    return detailed;
  };
  const block = readBlockYaml(text);
  if (block) {
    const outline = () => block.outline;
    return { file, text, value: block.value, errors: [], ranges, outline };
  }
  const outline = () => undefined;
  try {
    const value = load(text, { filename: file, schema: CORE_SCHEMA });
    return { file, text, value: value ?? null, errors: [], ranges, outline };
  } catch (error) {
    const { errors } = ranges();
    if (errors.length > 0) return { file, text, value: undefined, errors, ranges, outline };
    // js-yaml refused what yaml accepts: report js-yaml's own position.
    const mark = (error as { mark?: { line?: number; column?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    return {
      file,
      text,
      value: undefined,
      errors: [{ line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1, message: reason }],
      ranges,
      outline,
    };
  }
}

function parseWithRanges(text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { line, column: col, message: error.message.split("\n")[0] ?? error.message };
  });
  return { root: (doc.contents as Node | null) ?? null, lineCounter, errors };
}

/**
 * The 1-based position of the deepest node on `path` that exists: the value when the whole path exists
 * (the key with `at: "key"`), else the key of the deepest existing parent.
 *
 * @example
 * locate(parsed, ["build", "BuildConfig", "Packages", "Pip", "0"]) // { line: 12, column: 9 }
 */
export function locate(
  parsed: ParsedYaml,
  path: readonly string[],
  { at = "value" }: { at?: "key" | "value" } = {},
): { line: number; column: number; found: boolean } {
  const outlined = locateInOutline(parsed.outline(), path, at);
  if (outlined) return outlined;
  const { root, lineCounter } = parsed.ranges();
  let node: unknown = root;
  let offset = rangeStart(node) ?? 0;
  let found = true;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === segment,
      );
      if (!pair) {
        found = false;
        break;
      }
      const valueStart = rangeStart(pair.value);
      offset =
        last && at === "value" && valueStart !== undefined
          ? valueStart
          : (rangeStart(pair.key) ?? offset);
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) {
        found = false;
        break;
      }
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      found = false;
      break;
    }
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col, found };
}

/**
 * The value node at `path`, or undefined.
 *
 * @example
 * nodeAt(parsed, ["build", "BuildConfig", "Dockerfile"])
 */
export function nodeAt(parsed: ParsedYaml, path: readonly string[]): Node | undefined {
  let node: unknown = parsed.ranges().root;
  for (const segment of path) {
    if (isMap(node)) {
      node = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === segment,
      )?.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
    } else {
      return undefined;
    }
  }
  return (node as Node | undefined) ?? undefined;
}

/**
 * The position of a line inside a multi-line string value, so Dockerfile problems point into the spec.
 *
 * @example
 * positionInString(parsed, ["build", "BuildConfig", "Dockerfile"], 2, 1) // line of the 2nd Dockerfile line
 */
export function positionInString(
  parsed: ParsedYaml,
  path: readonly string[],
  lineInString: number,
  columnInString: number,
): { line: number; column: number } {
  const outline = parsed.outline();
  const outlined = outline?.find(path);
  if (outline && outlined !== undefined) {
    if (!outline.isBlock(outlined)) return locate(parsed, path);
    return lineInBlockScalar(parsed.text, outline.at(outlined).line + lineInString, columnInString);
  }
  const node = nodeAt(parsed, path);
  const start = rangeStart(node);
  if (!node || start === undefined || !isScalar(node)) return locate(parsed, path);
  const { line } = parsed.ranges().lineCounter.linePos(start);
  if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") {
    return lineInBlockScalar(parsed.text, line + lineInString, columnInString);
  }
  return locate(parsed, path);
}

function lineInBlockScalar(text: string, line: number, columnInString: number) {
  const source = lineAt(text, line);
  const indent = source.length - source.trimStart().length;
  return { line, column: indent + columnInString };
}

/** `locate` on the outline: undefined when there is none or the whole path is not in it. */
function locateInOutline(
  outline: Outline | undefined,
  path: readonly string[],
  at: "key" | "value",
): { line: number; column: number; found: boolean } | undefined {
  const node = outline?.find(path);
  if (!outline || node === undefined) return undefined;
  const { line, column } = at === "key" ? outline.keyAt(node) : outline.at(node);
  return { line, column, found: true };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}
