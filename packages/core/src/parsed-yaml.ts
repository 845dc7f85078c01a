/** A YAML file parsed with source ranges, so any field path can be turned into a line and column. */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

/**
 * One parsed YAML file.
 *
 * @example
 * const parsed = parseYaml({ file: "specs/a/1.0.yaml", text });
 * locate(parsed, ["build", "Image", "Name"]); // { line: 5, column: 11 }
 */
export interface ParsedYaml {
  file: string;
  text: string;
  /** The plain value, or undefined when the YAML did not parse. */
  value: unknown;
  /** Syntax errors with their positions. */
  errors: { line: number; column: number; message: string }[];
  /** @internal */
  root: Node | null;
  /** @internal */
  lineCounter: LineCounter;
}

/**
 * Parses YAML keeping node ranges.
 *
 * @example
 * parseYaml({ file: "specs/_defaults.yaml", text: "apiVersion: imagebuild/v1\n" }).value
 */
export function parseYaml({ file, text }: { file: string; text: string }): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { line, column: col, message: error.message.split("\n")[0] ?? error.message };
  });
  const root = (doc.contents as Node | null) ?? null;
  return {
    file,
    text,
    value: errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }),
    errors,
    root,
    lineCounter,
  };
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
  let node: unknown = parsed.root;
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
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { line, column: col, found };
}

/**
 * The value node at `path`, or undefined.
 *
 * @example
 * nodeAt(parsed, ["build", "BuildConfig", "Dockerfile"])
 */
export function nodeAt(parsed: ParsedYaml, path: readonly string[]): Node | undefined {
  let node: unknown = parsed.root;
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
  const node = nodeAt(parsed, path);
  const start = rangeStart(node);
  if (!node || start === undefined || !isScalar(node)) return locate(parsed, path);
  const { line } = parsed.lineCounter.linePos(start);
  if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") {
    const contentLine = line + lineInString;
    const source = parsed.text.split(/\r?\n/)[contentLine - 1] ?? "";
    const indent = source.length - source.trimStart().length;
    return { line: contentLine, column: indent + columnInString };
  }
  return locate(parsed, path);
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}
