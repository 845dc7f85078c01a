/**
 * One pass over YAML written in plain block style (the way specs are written) that gives both the value
 * and where each key, value and item starts, or nothing for YAML it does not model.
 */
import { CORE_SCHEMA } from "js-yaml";
import { Outline } from "./yaml-outline.ts";

/** A document read by `readBlockYaml`: the value js-yaml would give, and its outline. */
export interface BlockYaml {
  value: unknown;
  outline: Outline;
}

/** Thrown inside the scan when the text uses YAML the reader does not model; never escapes. */
class Unsupported extends Error {}

/** js-yaml refuses a text holding any of these (its own pattern). */
const NON_PRINTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds.
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** Anything but printable ASCII and `\n`. */
const NOT_ASCII_TEXT = /[^\x20-\x7e\n]/;
/** What may follow a complete scalar on its line: nothing, or a comment after a space. */
const LINE_END = /^(?: *| +#.*)$/;
/** First characters of an inline value the reader does not model: anchors, aliases, tags, flow mappings, folded and reserved. */
const UNSUPPORTED_FIRST = new Set([..."&*!{}],@`%>?#"]);
/**
 * How js-yaml types a plain scalar (null, bool, int, float, else a string): its core schema's own
 * resolvers. The function's bundle swaps js-yaml out (functions/build-trigger/scripts/core-fast-path-shims.ts);
 * there they are missing, and a file with a plain scalar that may be typed is left to `load`.
 */
const IMPLICIT_TYPES = (
  CORE_SCHEMA as unknown as {
    compiledImplicit?: { resolve(text: string): boolean; construct(text: string): unknown }[];
  }
).compiledImplicit;
/** The plain words js-yaml's core schema reads as null or a boolean (`~` aside). */
const TYPED_WORD = /^(?:[nN]ull|NULL|[tT]rue|TRUE|[fF]alse|FALSE)$/;

/** Whether a plain text is one of those words (a cheap look at its first letter first). */
function isTypedWord(text: string): boolean {
  return "nNtTfF".includes(text.charAt(0)) && TYPED_WORD.test(text);
}

/**
 * Reads a YAML document written in plain block style: mappings with plain keys, block sequences, one-line
 * flow sequences of scalars, one-line plain and quoted scalars (no escapes), `|` block scalars, comments.
 * The value is js-yaml's (core schema); anything else (flow mappings, anchors, tags, quoted or numeric keys,
 * escapes, multi-line plain or quoted scalars, folded scalars, empty values, tabs, CR, several documents)
 * gives undefined, and the caller parses the text with js-yaml.
 *
 * @example
 * readBlockYaml("build:\n  Image:\n    Name: a\n")?.value; // { build: { Image: { Name: "a" } } }
 * const { outline } = readBlockYaml("a: 1\n") ?? {};
 * outline?.at(outline.find(["a"]) ?? 0); // { line: 1, column: 4 }
 */
export function readBlockYaml(text: string): BlockYaml | undefined {
  // Most files are printable ASCII and line breaks: one simple scan clears them of all three tests.
  const unusual = NOT_ASCII_TEXT.test(text);
  if (unusual && (text.includes("\r") || text.includes("\t") || NON_PRINTABLE.test(text))) {
    return undefined;
  }
  try {
    const lines = text.split("\n");
    // js-yaml ends a text without a final line break with one.
    if (lines[lines.length - 1] !== "") lines.push("");
    const outline = new Outline();
    const reader = new Reader(lines, outline);
    if (reader.next() === undefined) return undefined;
    const value = reader.collection(outline.add(undefined, 0, 0, 0, 0));
    if (reader.next() !== undefined) return undefined;
    return { value, outline };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/**
 * Reads lines of block-style YAML. Each method returns the value read, and records in the outline, at
 * the node it is given, where the value starts and, for a collection, where its parts are.
 */
class Reader {
  private index = 0;
  /** The line at `index`, set by `next`: its text, indentation and end without trailing spaces. */
  private raw = "";
  private indent = 0;
  private end = 0;
  /** The index they describe (-1: none): the line a value looked ahead to is not scanned again. */
  private scanned = -1;

  constructor(
    private readonly lines: string[],
    private readonly outline: Outline,
  ) {}

  /** Moves to the next significant line (blank and comment lines skipped) and returns its number, not consuming it. */
  next(): number | undefined {
    if (this.scanned === this.index) return this.index + 1;
    for (; this.index < this.lines.length; this.index += 1) {
      const raw = this.lines[this.index] as string;
      let indent = 0;
      while (raw.charCodeAt(indent) === 0x20) indent += 1;
      if (indent === raw.length || raw.charCodeAt(indent) === 0x23 /* # */) continue;
      let end = raw.length;
      while (raw.charCodeAt(end - 1) === 0x20) end -= 1;
      const marker =
        end - indent === 3 && (raw.startsWith("---", indent) || raw.startsWith("...", indent));
      if (marker || raw.charCodeAt(indent) === 0x25 /* % */) throw new Unsupported();
      this.raw = raw;
      this.indent = indent;
      this.end = end;
      this.scanned = this.index;
      return this.index + 1;
    }
    return undefined;
  }

  /** The mapping or sequence starting at the current line (`next` has been called). */
  collection(at: number): unknown {
    return isItemAt(this.raw, this.indent, this.end)
      ? this.sequence(this.indent, at)
      : this.mapping(this.indent, at);
  }

  private mapping(indent: number, at: number): Record<string, unknown> {
    const value: Record<string, unknown> = {};
    this.outline.open(at, "mapping", this.index + 1, indent + 1);
    for (let line = this.next(); line !== undefined && this.indent >= indent; line = this.next()) {
      const { raw, end } = this;
      if (this.indent > indent || isItemAt(raw, indent, end)) throw new Unsupported();
      const colon = keyColon(raw, indent, end);
      const key = raw.slice(indent, colon);
      if (colon === -1 || !isStringKey(key) || Object.hasOwn(value, key)) throw new Unsupported();
      this.index += 1;
      let start = colon + 1;
      while (start < end && raw.charCodeAt(start) === 0x20) start += 1;
      const rest = raw.slice(start, end);
      const column = start + 1;
      const child = this.outline.add(key, line, indent + 1, line, column);
      value[key] = this.value(indent, rest, child);
    }
    this.outline.close(at);
    return value;
  }

  private sequence(indent: number, at: number): unknown[] {
    const value: unknown[] = [];
    this.outline.open(at, "sequence", this.index + 1, indent + 1);
    for (let line = this.next(); line !== undefined && this.indent >= indent; line = this.next()) {
      const { raw, end } = this;
      if (this.indent > indent || !isItemAt(raw, indent, end)) throw new Unsupported();
      let start = indent + 1;
      while (start < end && raw.charCodeAt(start) === 0x20) start += 1;
      const column = start + 1;
      if (start === end || raw.charCodeAt(start) === 0x23 || isItemAt(raw, start, end)) {
        throw new Unsupported();
      }
      const child = this.outline.add(undefined, 0, 0, line, column);
      const rest = raw.slice(start, end);
      if (keyColon(raw, start, end) !== -1) {
        // `- key: value`: a mapping whose keys line up with the first one, after the dash.
        this.lines[this.index] = `${" ".repeat(start)}${rest}`;
        this.scanned = -1;
        this.next();
        value.push(this.mapping(column - 1, child));
      } else {
        this.index += 1;
        value.push(this.value(indent, rest, child));
      }
    }
    this.outline.close(at);
    return value;
  }

  /**
   * The value after a key's colon (or an item's dash) on a line indented `indent`, `rest` being its text
   * on that line; `at` holds where that text starts.
   */
  private value(indent: number, rest: string, at: number): unknown {
    if (rest === "" || rest.startsWith("#")) {
      const next = this.next();
      // An indentless sequence (`key:` then `- item` at the key's own indentation) is valid YAML.
      if (next !== undefined && this.indent === indent && isItemAt(this.raw, indent, this.end)) {
        return this.sequence(indent, at);
      }
      if (next === undefined || this.indent <= indent) throw new Unsupported();
      return this.collection(at);
    }
    const first = rest.charAt(0);
    if (first === "|") {
      this.outline.markBlock(at);
      return this.literal(rest, indent);
    }
    if (isItem(rest)) throw new Unsupported();
    const value = first === "[" ? flowSequence(rest, this.outline, at) : inlineScalar(rest);
    // A deeper line after a one-line value continues it (a multi-line plain scalar), or is an error.
    if (this.next() !== undefined && this.indent > indent) throw new Unsupported();
    return value;
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
    // The content lines with an "" per blank line between them, joined at the end: one flat string.
    const parts: string[] = [];
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
      for (; emptyLines > 0; emptyLines -= 1) parts.push("");
      parts.push(raw.slice(textIndent));
      detected = true;
    }
    // The text's end: its last line break, which split left as a last "", is not a blank line.
    if (!ended) emptyLines -= 1;
    // Before any content, blank lines are line breaks of their own; after it, each adds one.
    const text = detected ? parts.join("\n") : "";
    if (chomping === "-") return text;
    if (chomping === "+") return text + "\n".repeat(detected ? 1 + emptyLines : emptyLines);
    return detected ? `${text}\n` : text;
  }
}

function isItem(text: string): boolean {
  return isItemAt(text, 0, text.length);
}

/** A sequence item's dash at `start`: alone before `end`, or followed by a space. */
function isItemAt(text: string, start: number, end: number): boolean {
  return (
    text.charCodeAt(start) === 0x2d /* - */ &&
    (start + 1 === end || text.charCodeAt(start + 1) === 0x20)
  );
}

/** A complete one-line scalar: quoted (no escapes) and closed, or plain without `: `. */
function inlineScalar(rest: string): unknown {
  const first = rest.charAt(0);
  if (first === '"' || first === "'") {
    const quoted = quotedScalar(rest, 0);
    if (!LINE_END.test(rest.slice(quoted.end))) throw new Unsupported();
    return quoted.value;
  }
  if (UNSUPPORTED_FIRST.has(first)) throw new Unsupported();
  const comment = rest.indexOf(" #");
  const plain = comment === -1 ? rest : rest.slice(0, comment).trimEnd();
  if (plain.includes(": ") || plain.endsWith(":")) throw new Unsupported();
  return plainValue(plain);
}

/** The quoted scalar starting at `start` (a `'` or `"`), and the index after its closing quote. */
function quotedScalar(text: string, start: number): { value: string; end: number } {
  const quote = text.charAt(start);
  if (quote === '"') {
    const close = text.indexOf('"', start + 1);
    const value = text.slice(start + 1, close);
    // Escapes are left to js-yaml.
    if (close === -1 || value.includes("\\")) throw new Unsupported();
    return { value, end: close + 1 };
  }
  let value = "";
  for (let from = start + 1; ; ) {
    const close = text.indexOf("'", from);
    if (close === -1) throw new Unsupported();
    value += text.slice(from, close);
    if (text.charAt(close + 1) !== "'") return { value, end: close + 1 };
    value += "'";
    from = close + 2;
  }
}

/** A plain scalar typed as js-yaml's core schema types it. */
function plainValue(plain: string): unknown {
  // A scalar starting with a letter, `_`, `/` or `$` is a string, unless it is one of the words.
  const first = plain.charCodeAt(0);
  const lower = first | 0x20;
  if ((lower >= 0x61 && lower <= 0x7a) || first === 0x5f || first === 0x2f || first === 0x24) {
    if (!isTypedWord(plain)) return plain;
  }
  if (!IMPLICIT_TYPES) throw new Unsupported();
  for (const type of IMPLICIT_TYPES) {
    if (type.resolve(plain)) return type.construct(plain);
  }
  return plain;
}

/** A plain flow sequence item, without flow indicators, then `,` or `]`. */
const FLOW_PLAIN = /([^\s,[\]{}#"'&*!|>@`%?-][^,[\]{}#]*?) *([,\]])/y;

/**
 * A flow sequence of scalars written on one line (`[curl, "jq=1.6"]`), each item placed at its first
 * character in the outline at `at`; nested collections, a trailing comma or a sequence going on to the next line are
 * not modelled.
 */
function flowSequence(rest: string, outline: Outline, at: number): unknown[] {
  const value: unknown[] = [];
  const { line, column } = outline.at(at);
  outline.open(at, "sequence", line, column);
  if (/^\[ *\](?: +#.*)?$/.test(rest)) {
    outline.close(at);
    return value;
  }
  let index = 1;
  for (;;) {
    while (rest.charCodeAt(index) === 0x20) index += 1;
    const start = index;
    let end: string;
    const first = rest.charAt(index);
    if (first === '"' || first === "'") {
      const quoted = quotedScalar(rest, index);
      value.push(quoted.value);
      index = quoted.end;
      while (rest.charCodeAt(index) === 0x20) index += 1;
      end = rest.charAt(index);
      if (end !== "," && end !== "]") throw new Unsupported();
      index += 1;
    } else {
      FLOW_PLAIN.lastIndex = index;
      const match = FLOW_PLAIN.exec(rest);
      const plain = match?.[1];
      if (!match || !plain || plain.includes(": ") || plain.endsWith(":")) throw new Unsupported();
      value.push(plainValue(plain));
      end = match[2] as string;
      index = FLOW_PLAIN.lastIndex;
    }
    outline.add(undefined, 0, 0, line, column + start);
    if (end === "]") break;
  }
  if (!LINE_END.test(rest.slice(index))) throw new Unsupported();
  outline.close(at);
  return value;
}

/**
 * Where the colon ending the plain key that `text` holds from `start` (before `end`) is (`name: value`,
 * `name:`, a registry with its port `127.0.0.1:5000:`), or -1: a key is letters, digits and `_.-/`,
 * the first not `.-/`.
 */
function keyColon(text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (start >= end || !isKeyCharacter(first) || first <= 0x2f) return -1;
  let colon = start + 1;
  while (colon < end && isKeyCharacter(text.charCodeAt(colon))) colon += 1;
  if (colon >= end || text.charCodeAt(colon) !== 0x3a /* : */) return -1;
  // A port: `:` and digits, then the key's own colon.
  let port = colon + 1;
  while (port < end && isDigit(text.charCodeAt(port))) port += 1;
  if (
    port > colon + 1 &&
    port < end &&
    text.charCodeAt(port) === 0x3a &&
    endsKey(text, port, end)
  ) {
    return port;
  }
  return endsKey(text, colon, end) ? colon : -1;
}

/** A key's colon is followed by a space or ends the line. */
function endsKey(text: string, colon: number, end: number): boolean {
  return colon + 1 === end || text.charCodeAt(colon + 1) === 0x20;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Letters, digits, `_`, `.`, `-` and `/`. */
function isKeyCharacter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x2d && code <= 0x39) ||
    code === 0x5f
  );
}

function isStringKey(key: string): boolean {
  const first = key.charCodeAt(0);
  // A key like `1.10` or `0x1F` is a number to the parser, whose text differs from the key's.
  if (isDigit(first)) return !/^[0-9a-fA-FxXoO._+eE-]+$/.test(key) || String(Number(key)) === key;
  // `~` is no key character, so only these words read as null or a boolean.
  return !isTypedWord(key) && key !== "__proto__";
}
