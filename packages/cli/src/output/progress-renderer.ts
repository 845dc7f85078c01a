/** Shows the state of many things at once: a live block on a terminal, one line per change otherwise. */
import type { Writable } from "node:stream";

/** Receives state changes; `done` ends the display. */
export interface ProgressRenderer {
  /** Sets the state line of `key` (e.g. a spec file); unchanged text prints nothing. */
  update(key: string, text: string): void;
  /** Ends the live block so later output starts below it. */
  done(): void;
}

const ESC = "\u001b[";
const CLEAR_LINE = `${ESC}2K`;

/**
 * On a terminal, redraws a block with one line per key in place (ANSI cursor moves); without one
 * (CI logs, pipes), appends `key: text` lines only when a key's text changes, so logs stay readable.
 *
 * @example
 * const progress = createProgressRenderer({ stream: io.stdout, isTTY: io.isTTY });
 * progress.update("specs/tools/1.0.0.yaml", "Running");
 * progress.done();
 */
export function createProgressRenderer({
  stream,
  isTTY,
}: {
  stream: Writable;
  isTTY: boolean;
}): ProgressRenderer {
  const lines = new Map<string, string>();
  let drawn = 0;
  let width = 0;
  const redraw = () => {
    // A line that wraps would throw off the cursor-up count, so lines are cut to the terminal width.
    const columns = (stream as { columns?: number }).columns;
    const fit = (line: string) =>
      columns && line.length >= columns ? line.slice(0, columns - 1) : line;
    let out = drawn > 0 ? `${ESC}${drawn}A` : "";
    for (const [key, text] of lines)
      out += `${CLEAR_LINE}${fit(`${key.padEnd(width)}  ${text}`)}\n`;
    stream.write(out);
    drawn = lines.size;
  };
  return {
    update(key, text) {
      if (lines.get(key) === text) return;
      lines.set(key, text);
      if (!isTTY) {
        stream.write(`${key}: ${text}\n`);
        return;
      }
      width = Math.max(width, key.length);
      redraw();
    },
    done() {
      drawn = 0;
    },
  };
}
