/** Where the keys, values and items of a YAML document start, kept as numbers in document order. */

/** What a node is. */
const SCALAR = 0;
const MAPPING = 1;
const SEQUENCE = 2;
const BLOCK_SCALAR = 3;
/** Numbers per node: nodes in its subtree (itself included), kind, key line, key column, line, column. */
const WIDTH = 6;

/** A 1-based line and column. */
export interface OutlinePosition {
  line: number;
  column: number;
}

/**
 * The outline of one document: a node per key's value, item and the root, in document order. Each
 * node is six numbers in one typed array and its key in an array, instead of an object and a map entry
 * per node: validate keeps the outline of every spec it reads, and the fewer objects it keeps, the
 * less its collector copies (docs/decisions/core-validation-speed.md).
 *
 * @example
 * const outline = readBlockYaml("a:\n  b: 1\n")?.outline;
 * outline?.at(outline.find(["a", "b"]) ?? 0); // { line: 2, column: 6 }
 */
export class Outline {
  /** Grown by doubling; over 64 bytes V8 keeps a typed array's numbers outside the collected heap. */
  #numbers = new Int32Array(WIDTH * 32);
  readonly #keys: (string | undefined)[] = [];

  /**
   * Adds a node whose value starts at `line`, `column` (a scalar until `open` makes it a collection),
   * and returns its index. `key` starts at `keyLine`, `keyColumn`; an item and the root have no key.
   */
  add(
    key: string | undefined,
    keyLine: number,
    keyColumn: number,
    line: number,
    column: number,
  ): number {
    const index = this.#keys.length;
    this.#keys.push(key);
    const at = index * WIDTH;
    if (at + WIDTH > this.#numbers.length) {
      const grown = new Int32Array(this.#numbers.length * 2);
      grown.set(this.#numbers);
      this.#numbers = grown;
    }
    const numbers = this.#numbers;
    numbers[at] = 1;
    numbers[at + 1] = SCALAR;
    numbers[at + 2] = keyLine;
    numbers[at + 3] = keyColumn;
    numbers[at + 4] = line;
    numbers[at + 5] = column;
    return index;
  }

  /** Makes a node a mapping or sequence whose first key or dash is at `line`, `column`. */
  open(index: number, kind: "mapping" | "sequence", line: number, column: number): void {
    this.#set(index, 1, kind === "mapping" ? MAPPING : SEQUENCE);
    this.#set(index, 4, line);
    this.#set(index, 5, column);
  }

  /** Ends a collection: the nodes added since it are its subtree. */
  close(index: number): void {
    this.#set(index, 0, this.#keys.length - index);
  }

  /** Marks a node as a `|` block scalar, whose content starts on the next line. */
  markBlock(index: number): void {
    this.#set(index, 1, BLOCK_SCALAR);
  }

  /** The node at `path` from the root (keys, and item indexes as strings), or undefined. */
  find(path: readonly string[]): number | undefined {
    let node = 0;
    // Indexed: an unoptimized for-of allocates a result object per step (docs/decisions/core-validation-speed.md).
    for (let index = 0; index < path.length; index += 1) {
      const segment = path[index] as string;
      const kind = this.#get(node, 1);
      const end = node + this.#get(node, 0);
      let child = node + 1;
      if (kind === MAPPING) {
        while (child < end && this.#keys[child] !== segment) child += this.#get(child, 0);
      } else if (kind === SEQUENCE) {
        const item = Number(segment);
        if (!Number.isInteger(item) || item < 0) return undefined;
        for (let skipped = 0; skipped < item && child < end; skipped += 1) {
          child += this.#get(child, 0);
        }
      } else {
        return undefined;
      }
      if (child >= end) return undefined;
      node = child;
    }
    return node;
  }

  /** Where a node's value starts: a scalar's first character, a block scalar's `|`, a collection's first key or dash. */
  at(index: number): OutlinePosition {
    return { line: this.#get(index, 4), column: this.#get(index, 5) };
  }

  /** Where the key of a mapping's value starts; for an item or the root, where the node starts. */
  keyAt(index: number): OutlinePosition {
    const line = this.#get(index, 2);
    return line === 0 ? this.at(index) : { line, column: this.#get(index, 3) };
  }

  isBlock(index: number): boolean {
    return this.#get(index, 1) === BLOCK_SCALAR;
  }

  #get(index: number, field: number): number {
    return this.#numbers[index * WIDTH + field] as number;
  }

  #set(index: number, field: number, value: number): void {
    this.#numbers[index * WIDTH + field] = value;
  }
}
