/**
 * One pass over YAML written in plain block style (the way specs are written) that gives both the value
 * and where each key, value and item starts, or nothing for YAML it does not model.
 */
import { CORE_SCHEMA } from "js-yaml";

/** Where a node's value starts (1-based): a scalar's first character, a block scalar's `|`, a collection's first key or dash. */
export interface OutlineNode {
  line: number;
  column: number;
  /** A mapping's keys, in order, each with where the key itself starts. */
  entries?: Map<string, { line: number; column: number; value: OutlineNode }>;
  /** A sequence's items. */
  items?: OutlineNode[];
  /** A `|` block scalar: its content starts on the next line. */
  block?: boolean;
}

/** A document read by `readBlockYaml`: the value js-yaml would give, and its outline. */
export interface BlockYaml {
  value: unknown;
  outline: OutlineNode;
}

/** Thrown inside the scan when the text uses YAML the reader does not model; never escapes. */
class Unsupported extends Error {}

/** A plain key: letters, digits and `_.-/`, optionally a registry port (`127.0.0.1:5000`). */
const KEY = /^([A-Za-z0-9_][A-Za-z0-9_./-]*(?::[0-9]+)?):(?: +(.*))?$/;
/** Keys a YAML parser reads as something other than their text (`True`, `~`). */
const NON_STRING_KEY = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
/** js-yaml refuses a text holding any of these (its own pattern). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds.
const NON_PRINTABLE =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** What may follow a complete scalar on its line: nothing, or a comment after a space. */
const LINE_END = /^(?: *| +#.*)$/;
/** First characters of an inline value the reader does not model: anchors, aliases, tags, flow mappings, folded and reserved. */
const UNSUPPORTED_FIRST = new Set([..."&*!{}],@`%>?#"]);
/** How js-yaml types a plain scalar (null, bool, int, float, else a string): its core schema's own resolvers. */
const IMPLICIT_TYPES = (
  CORE_SCHEMA as unknown as {
    compiledImplicit: { resolve(text: string): boolean; construct(text: string): unknown }[];
  }
).compiledImplicit;
/** A plain scalar that can only be a string: it starts like no null, bool or number does. */
const SURELY_STRING = /^[A-Za-z_/$]/;
const MAYBE_TYPED_WORD = /^(?:[nN]ull|NULL|[tT]rue|TRUE|[fF]alse|FALSE)$/;

/**
 * Reads a YAML document written in plain block style: mappings with plain keys, block sequences, one-line
 * flow sequences of scalars, one-line plain and quoted scalars (no escapes), `|` block scalars, comments.
 * The value is js-yaml's (core schema); anything else (flow mappings, anchors, tags, quoted or numeric keys,
 * escapes, multi-line plain or quoted scalars, folded scalars, empty values, tabs, CR, several documents)
 * gives undefined, and the caller parses the text with js-yaml.
 *
 * @example
 * readBlockYaml("build:\n  Image:\n    Name: a\n")?.value; // { build: { Image: { Name: "a" } } }
 * readBlockYaml("a: 1\n")?.outline.entries?.get("a"); // { line: 1, column: 1, value: { line: 1, column: 4 } }
 */
export function readBlockYaml(text: string): BlockYaml | undefined {
  if (text.includes("\r") || text.includes("\t") || NON_PRINTABLE.test(text)) return undefined;
  try {
    const lines = text.split("\n");
    // js-yaml ends a text without a final line break with one.
    if (lines[lines.length - 1] !== "") lines.push("");
    const reader = new Reader(lines);
    const root = reader.node(0);
    if (!root || reader.next() !== undefined) return undefined;
    return root;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Reader {
  private index = 0;
  /** The indentation and trimmed text of the line at `index`, set by `next`. */
  private indent = 0;
  private content = "";

  constructor(private readonly lines: string[]) {}

  /** Moves to the next significant line (blank and comment lines skipped) and returns its number, not consuming it. */
  next(): number | undefined {
    for (; this.index < this.lines.length; this.index += 1) {
      const raw = this.lines[this.index] as string;
      let indent = 0;
      while (raw.charCodeAt(indent) === 0x20) indent += 1;
      if (indent === raw.length || raw.charCodeAt(indent) === 0x23 /* # */) continue;
      const content = indent === 0 ? raw.trimEnd() : raw.slice(indent).trimEnd();
      if (content === "---" || content === "..." || content.startsWith("%")) {
        throw new Unsupported();
      }
      this.indent = indent;
      this.content = content;
      return this.index + 1;
    }
    return undefined;
  }

  /** A mapping or sequence starting at the next line, when it is indented at least `minIndent`. */
  node(minIndent: number): BlockYaml | undefined {
    if (this.next() === undefined || this.indent < minIndent) return undefined;
    return isItem(this.content) ? this.sequence(this.indent) : this.mapping(this.indent);
  }

  private mapping(indent: number): BlockYaml {
    const firstLine = this.index + 1;
    const value: Record<string, unknown> = {};
    const entries: NonNullable<OutlineNode["entries"]> = new Map();
    for (let line = this.next(); line !== undefined && this.indent >= indent; line = this.next()) {
      const content = this.content;
      if (this.indent > indent || isItem(content)) throw new Unsupported();
      const match = KEY.exec(content);
      const key = match?.[1];
      if (!key || !isStringKey(key) || entries.has(key)) throw new Unsupported();
      this.index += 1;
      const rest = match[2] ?? "";
      const read = this.value({
        line,
        indent,
        rest,
        column: indent + content.length - rest.length + 1,
      });
      value[key] = read.value;
      entries.set(key, { line, column: indent + 1, value: read.outline });
    }
    return { value, outline: { line: firstLine, column: indent + 1, entries } };
  }

  private sequence(indent: number): BlockYaml {
    const firstLine = this.index + 1;
    const value: unknown[] = [];
    const items: OutlineNode[] = [];
    for (let line = this.next(); line !== undefined && this.indent >= indent; line = this.next()) {
      const content = this.content;
      if (this.indent > indent || !isItem(content)) throw new Unsupported();
      const rest = content.slice(1).trimStart();
      const column = indent + content.length - rest.length + 1;
      if (rest === "" || rest.startsWith("#") || isItem(rest)) throw new Unsupported();
      let read: BlockYaml;
      if (KEY.test(rest)) {
        // `- key: value`: a mapping whose keys line up with the first one, after the dash.
        this.lines[this.index] = `${" ".repeat(column - 1)}${rest}`;
        read = this.mapping(column - 1);
      } else {
        this.index += 1;
        read = this.value({ line, indent, rest, column });
      }
      value.push(read.value);
      items.push(read.outline);
    }
    return { value, outline: { line: firstLine, column: indent + 1, items } };
  }

  /**
   * The value after a key's colon (or an item's dash) on line `line` indented `indent`, `rest` being its
   * text on that line, starting at `column`.
   */
  private value({
    line,
    indent,
    rest,
    column,
  }: {
    line: number;
    indent: number;
    rest: string;
    column: number;
  }): BlockYaml {
    if (rest === "" || rest.startsWith("#")) {
      const next = this.next();
      // An indentless sequence (`key:` then `- item` at the key's own indentation) is valid YAML.
      const child =
        next !== undefined && this.indent === indent && isItem(this.content)
          ? this.sequence(indent)
          : this.node(indent + 1);
      if (!child) throw new Unsupported();
      return child;
    }
    const first = rest.charAt(0);
    if (first === "|") {
      return { value: this.literal(rest, indent), outline: { line, column, block: true } };
    }
    const read =
      first === "["
        ? flowSequence(rest, line, column)
        : isItem(rest)
          ? undefined
          : inlineScalar(rest, line, column);
    if (!read) throw new Unsupported();
    // A deeper line after a one-line value continues it (a multi-line plain scalar), or is an error.
    if (this.next() !== undefined && this.indent > indent) throw new Unsupported();
    return read;
  }

  /**
   * A `|` block scalar's text, as js-yaml reads it: lines indented as deep as its first, that indentation
   * cut, clipped to one final line break (`|-` none, `|+` every one).
   */
  private literal(header: string, ownerIndent: number): string {
    const chomping = header.charAt(1);
    if (!LINE_END.test(chomping === "-" || chomping === "+" ? header.slice(2) : header.slice(1))) {
      throw new Unsupported();
    }
    let textIndent = ownerIndent + 1;
    let detected = false;
    let text = "";
    let emptyLines = 0;
    let ended = false;
    for (; this.index < this.lines.length; this.index += 1) {
      const raw = this.lines[this.index] as string;
      let spaces = 0;
      while (raw.charCodeAt(spaces) === 0x20) spaces += 1;
      const blank = spaces === raw.length;
      if (!detected) {
        if (blank) {
          // One of the first blank lines deeper than the text would make js-yaml end the scalar.
          if (spaces > textIndent) throw new Unsupported();
          emptyLines += 1;
          continue;
        }
        textIndent = Math.max(textIndent, spaces);
      } else if (blank && spaces <= textIndent) {
        emptyLines += 1;
        continue;
      }
      if (spaces < textIndent) {
        ended = true;
        break;
      }
      text += "\n".repeat(detected ? 1 + emptyLines : emptyLines);
      text += raw.slice(textIndent);
      detected = true;
      emptyLines = 0;
    }
    // The text's end: its last line break, which split left as a last "", is not a blank line.
    if (!ended) emptyLines -= 1;
    if (chomping === "-") return text;
    if (chomping === "+") return text + "\n".repeat(detected ? 1 + emptyLines : emptyLines);
    return detected ? `${text}\n` : text;
  }
}

function isItem(content: string): boolean {
  return content === "-" || content.startsWith("- ");
}

/** A complete one-line scalar: quoted (no escapes) and closed, or plain without `: `. */
function inlineScalar(rest: string, line: number, column: number): BlockYaml | undefined {
  const first = rest.charAt(0);
  if (first === '"' || first === "'") {
    const quoted = quotedScalar(rest, 0);
    if (!quoted || !LINE_END.test(rest.slice(quoted.end))) return undefined;
    return { value: quoted.value, outline: { line, column } };
  }
  if (UNSUPPORTED_FIRST.has(first)) return undefined;
  const comment = rest.indexOf(" #");
  const plain = comment === -1 ? rest : rest.slice(0, comment).trimEnd();
  if (plain.includes(": ") || plain.endsWith(":")) return undefined;
  return { value: plainValue(plain), outline: { line, column } };
}

/** The quoted scalar starting at `start` (a `'` or `"`), and the index after its closing quote. */
function quotedScalar(text: string, start: number): { value: string; end: number } | undefined {
  const quote = text.charAt(start);
  if (quote === '"') {
    const close = text.indexOf('"', start + 1);
    if (close === -1) return undefined;
    const value = text.slice(start + 1, close);
    // Escapes are left to js-yaml.
    return value.includes("\\") ? undefined : { value, end: close + 1 };
  }
  let value = "";
  for (let from = start + 1; ; ) {
    const close = text.indexOf("'", from);
    if (close === -1) return undefined;
    value += text.slice(from, close);
    if (text.charAt(close + 1) !== "'") return { value, end: close + 1 };
    value += "'";
    from = close + 2;
  }
}

/** A plain scalar typed as js-yaml's core schema types it. */
function plainValue(plain: string): unknown {
  if (SURELY_STRING.test(plain) && !MAYBE_TYPED_WORD.test(plain)) return plain;
  for (const type of IMPLICIT_TYPES) {
    if (type.resolve(plain)) return type.construct(plain);
  }
  return plain;
}

/** A plain flow sequence item, without flow indicators, then `,` or `]`. */
const FLOW_PLAIN = /([^\s,[\]{}#"'&*!|>@`%?-][^,[\]{}#]*?) *([,\]])/y;

/**
 * A flow sequence of scalars written on one line (`[curl, "jq=1.6"]`), each item placed at its first
 * character; undefined for anything else (nested collections, a trailing comma, a sequence going on to
 * the next line).
 */
function flowSequence(rest: string, line: number, column: number): BlockYaml | undefined {
  const value: unknown[] = [];
  const items: OutlineNode[] = [];
  if (/^\[ *\](?: +#.*)?$/.test(rest)) return { value, outline: { line, column, items } };
  let at = 1;
  for (;;) {
    while (rest.charCodeAt(at) === 0x20) at += 1;
    const start = at;
    let end: string;
    const first = rest.charAt(at);
    if (first === '"' || first === "'") {
      const quoted = quotedScalar(rest, at);
      if (!quoted) return undefined;
      value.push(quoted.value);
      at = quoted.end;
      while (rest.charCodeAt(at) === 0x20) at += 1;
      end = rest.charAt(at);
      if (end !== "," && end !== "]") return undefined;
      at += 1;
    } else {
      FLOW_PLAIN.lastIndex = at;
      const match = FLOW_PLAIN.exec(rest);
      const plain = match?.[1];
      if (!match || !plain || plain.includes(": ") || plain.endsWith(":")) return undefined;
      value.push(plainValue(plain));
      end = match[2] as string;
      at = FLOW_PLAIN.lastIndex;
    }
    items.push({ line, column: column + start });
    if (end === "]") break;
  }
  return LINE_END.test(rest.slice(at)) ? { value, outline: { line, column, items } } : undefined;
}

function isStringKey(key: string): boolean {
  if (key === "__proto__" || NON_STRING_KEY.test(key)) return false;
  // A key like `1.10` or `0x1F` is a number to the parser, whose text differs from the key's.
  return (
    !/^[0-9]/.test(key) || !/^[0-9a-fA-FxXoO._+eE-]+$/.test(key) || String(Number(key)) === key
  );
}
