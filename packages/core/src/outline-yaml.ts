/** A line scan of block-style YAML giving where each key, value and item starts, without a full parse. */

/** Where a node's value starts (1-based): a scalar's first character, a block scalar's `|`/`>`, a collection's first key or dash. */
export interface OutlineNode {
  line: number;
  column: number;
  /** A mapping's keys, in order, each with where the key itself starts. */
  entries?: Map<string, { line: number; column: number; value: OutlineNode }>;
  /** A sequence's items. */
  items?: OutlineNode[];
  /** A `|` or `>` block scalar: its content starts on the next line. */
  block?: boolean;
}

interface Line {
  /** 1-based line number. */
  number: number;
  indent: number;
  content: string;
}

/** Thrown inside the scan when the text uses YAML the outline does not model; never escapes. */
class Unsupported extends Error {}

/** A plain key: letters, digits and `_.-/`, optionally a registry port (`127.0.0.1:5000`). */
const KEY = /^([A-Za-z0-9_][A-Za-z0-9_./-]*(?::[0-9]+)?):(?: +(.*))?$/;
/** Keys a YAML parser reads as something other than their text (`True`, `~`, `1.10`). */
const NON_STRING_KEY = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
const BLOCK_HEADER = /^[|>][-+]?(?: +#.*)?$/;
const DOUBLE_QUOTED = /^"(?:[^"\\]|\\.)*" *(?:#.*)?$/;
const SINGLE_QUOTED = /^'(?:[^']|'')*' *(?:#.*)?$/;
/** First characters of a value the outline does not model: anchors, aliases, tags, flow collections, reserved. */
const UNSUPPORTED_START = /^[&*!{[@`%,?]/;

/**
 * The outline of a YAML document written in plain block style (the way specs are written): mappings with
 * plain keys, block sequences, inline and block scalars, comments. Undefined for anything else (flow
 * collections, anchors, tags, quoted or complex keys, multi-line plain or quoted scalars, empty values,
 * several documents, tabs or CR in the text), which the caller then parses with a full YAML parser.
 *
 * @example
 * outlineYaml("build:\n  Image:\n    Name: a\n")?.entries?.get("build")?.value.entries?.get("Image");
 * // { line: 2, column: 3, value: { line: 3, column: 5, entries: Map { "Name" => … } } }
 */
export function outlineYaml(text: string): OutlineNode | undefined {
  if (text.includes("\r") || text.includes("\t")) return undefined;
  const lines = text.split("\n").map((raw, index) => {
    const content = raw.trimStart();
    return { number: index + 1, indent: raw.length - content.length, content: content.trimEnd() };
  });
  try {
    const scan = new Scanner(lines);
    const root = scan.node(0);
    scan.skipInsignificant();
    if (!root || scan.next() !== undefined) return undefined;
    return root;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Scanner {
  private index = 0;

  constructor(private readonly lines: Line[]) {}

  /** The next significant line (blank and comment lines skipped), not consumed. */
  next(): Line | undefined {
    this.skipInsignificant();
    return this.lines[this.index];
  }

  skipInsignificant(): void {
    for (; this.index < this.lines.length; this.index += 1) {
      const { content } = this.lines[this.index] as Line;
      if (content === "---" || content === "..." || content.startsWith("%")) {
        throw new Unsupported();
      }
      if (content !== "" && !content.startsWith("#")) return;
    }
  }

  /** A mapping or sequence starting at the next line, when it is indented at least `minIndent`. */
  node(minIndent: number): OutlineNode | undefined {
    const line = this.next();
    if (!line || line.indent < minIndent) return undefined;
    return isItem(line.content) ? this.sequence(line.indent) : this.mapping(line.indent);
  }

  private mapping(indent: number): OutlineNode {
    const first = this.next() as Line;
    const entries: NonNullable<OutlineNode["entries"]> = new Map();
    for (let line = this.next(); line && line.indent >= indent; line = this.next()) {
      if (line.indent > indent || isItem(line.content)) throw new Unsupported();
      const match = KEY.exec(line.content);
      const key = match?.[1];
      if (!key || !isStringKey(key) || entries.has(key)) throw new Unsupported();
      this.index += 1;
      const rest = match[2] ?? "";
      const valueColumn = indent + line.content.length - rest.length + 1;
      entries.set(key, {
        line: line.number,
        column: indent + 1,
        value: this.value({ line, rest, column: valueColumn }),
      });
    }
    return { line: first.number, column: indent + 1, entries };
  }

  private sequence(indent: number): OutlineNode {
    const first = this.next() as Line;
    const items: OutlineNode[] = [];
    for (let line = this.next(); line && line.indent >= indent; line = this.next()) {
      if (line.indent > indent || !isItem(line.content)) throw new Unsupported();
      const rest = line.content.slice(1).trimStart();
      const column = indent + line.content.length - rest.length + 1;
      if (rest === "" || rest.startsWith("#") || isItem(rest)) throw new Unsupported();
      if (KEY.test(rest)) {
        // `- key: value`: a mapping whose keys line up with the first one, after the dash.
        this.lines[this.index] = { number: line.number, indent: column - 1, content: rest };
        items.push(this.mapping(column - 1));
      } else {
        this.index += 1;
        items.push(this.value({ line, rest, column }));
      }
    }
    return { line: first.number, column: indent + 1, items };
  }

  /** The value after a key's colon (or an item's dash), `rest` being its text on that line. */
  private value({ line, rest, column }: { line: Line; rest: string; column: number }): OutlineNode {
    if (rest === "" || rest.startsWith("#")) {
      const next = this.next();
      // An indentless sequence (`key:` then `- item` at the key's own indentation) is valid YAML.
      const child =
        next && next.indent === line.indent && isItem(next.content)
          ? this.sequence(line.indent)
          : this.node(line.indent + 1);
      if (!child) throw new Unsupported();
      return child;
    }
    if (rest.startsWith("|") || rest.startsWith(">")) {
      if (!BLOCK_HEADER.test(rest)) throw new Unsupported();
      this.skipBlockContent(line.indent);
      return { line: line.number, column, block: true };
    }
    if (rest.startsWith("[")) {
      const items = flowSequenceItems(rest, line.number, column);
      if (!items) throw new Unsupported();
      return { line: line.number, column, items };
    }
    if (UNSUPPORTED_START.test(rest) || isItem(rest)) throw new Unsupported();
    if (!isScalarText(rest)) throw new Unsupported();
    const next = this.next();
    // A deeper line after an inline scalar continues it (a multi-line plain scalar).
    if (next && next.indent > line.indent) throw new Unsupported();
    return { line: line.number, column };
  }

  /** Skips a block scalar's content: blank lines and lines indented as deep as its first line. */
  private skipBlockContent(keyIndent: number): void {
    let contentIndent: number | undefined;
    for (; this.index < this.lines.length; this.index += 1) {
      const { indent, content } = this.lines[this.index] as Line;
      if (content === "") continue;
      contentIndent ??= indent;
      if (contentIndent <= keyIndent || indent < contentIndent) return;
    }
  }
}

function isItem(content: string): boolean {
  return content === "-" || content.startsWith("- ");
}

/** One flow-sequence item: a quoted scalar, or a plain one without flow indicators, then `,` or `]`. */
const FLOW_ITEM =
  / *("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s,[\]{}#"'&*!|>@`%?-][^,[\]{}#]*?) *([,\]])/y;

/**
 * The items of a flow sequence of scalars written on one line (`[curl, "jq=1.6"]`), each at its first
 * character; undefined for anything else (nested collections, a trailing comma, a sequence going on to
 * the next line).
 */
function flowSequenceItems(rest: string, line: number, column: number): OutlineNode[] | undefined {
  const items: OutlineNode[] = [];
  if (/^\[ *\](?: +#.*)?$/.test(rest)) return items;
  FLOW_ITEM.lastIndex = 1;
  for (;;) {
    const start = FLOW_ITEM.lastIndex;
    const match = FLOW_ITEM.exec(rest);
    if (!match || !isScalarText(match[1] as string)) return undefined;
    const offset = start + match[0].length - match[0].trimStart().length;
    items.push({ line, column: column + offset });
    if (match[2] === "]") break;
  }
  return /^ *(?:#.*)?$/.test(rest.slice(FLOW_ITEM.lastIndex)) ? items : undefined;
}

/** A complete one-line scalar: quoted and closed, or plain without `: ` (which would make it a key). */
function isScalarText(rest: string): boolean {
  if (rest.startsWith('"')) return DOUBLE_QUOTED.test(rest);
  if (rest.startsWith("'")) return SINGLE_QUOTED.test(rest);
  const plain = rest.split(" #")[0] as string;
  return !plain.includes(": ") && !plain.endsWith(":");
}

function isStringKey(key: string): boolean {
  if (NON_STRING_KEY.test(key)) return false;
  // A key like `1.10` or `0x1F` is a number to the parser, whose text differs from the key's.
  return (
    !/^[0-9]/.test(key) || !/^[0-9a-fA-FxXoO._+eE-]+$/.test(key) || String(Number(key)) === key
  );
}
