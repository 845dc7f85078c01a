/** Writes one JSON document, the only thing a command prints on stdout under `--json`. */
import type { Writable } from "node:stream";

/**
 * Writes `value` as indented JSON and a newline.
 *
 * @example
 * writeJson(io.stdout, { ok: true, problems: [] });
 */
export function writeJson(stream: Writable, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}
