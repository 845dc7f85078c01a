/** Replaces a file's content atomically: a reader sees the old file or the new one, never half of it. */
import { randomBytes } from "node:crypto";
import { rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Writes `text` to a temporary file beside `file` (same folder, so the same file system), with the
 * old file's mode, then renames it over `file`.
 *
 * @example
 * await writeFileAtomic("/repo/specs/a/Dockerfile", "FROM debian:bookworm@sha256:…\n");
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const { mode } = await stat(file);
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    await writeFile(temporary, text, { mode, flag: "wx" });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
