/** Writes a map of relative paths to texts into a folder, creating parent folders. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Writes `files` (path → text) into `dir`.
 *
 * @example
 * writeFiles(dir, { "specs/a/1.0.0.yaml": specYaml({ name: "a" }) });
 */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}
