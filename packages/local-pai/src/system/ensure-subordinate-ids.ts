/** Gives the `containers` user the subordinate id range buildah's `--userns auto` allocates build user namespaces from. */
import { appendFile, readFile } from "node:fs/promises";

/** The user whose /etc/subuid and /etc/subgid ranges containers/storage allocates from (`--userns auto`). */
export const SUBORDINATE_USER = "containers";
/** The range added when there is none: the upper half of the 32-bit id space, far from any real user. */
const SUBORDINATE_RANGE = { start: 2_147_483_647, count: 2_147_483_648 };

/**
 * Makes sure `/etc/subuid` and `/etc/subgid` hold a range for `containers`, appending one when running
 * as root; returns a sentence saying what is missing when it cannot, or undefined when all is well.
 *
 * @example
 * const problem = await ensureSubordinateIds({}); // undefined on a prepared machine
 */
export async function ensureSubordinateIds({
  files = ["/etc/subuid", "/etc/subgid"],
  canWrite = process.getuid?.() === 0,
}: {
  files?: string[];
  canWrite?: boolean;
}): Promise<string | undefined> {
  for (const file of files) {
    const text = await readFile(file, "utf8").catch(() => "");
    const has = text.split("\n").some((line) => line.startsWith(`${SUBORDINATE_USER}:`));
    if (has) continue;
    if (!canWrite) {
      return `${file} has no range for "${SUBORDINATE_USER}": add e.g. "${SUBORDINATE_USER}:${SUBORDINATE_RANGE.start}:${SUBORDINATE_RANGE.count}"`;
    }
    const lead = text.length > 0 && !text.endsWith("\n") ? "\n" : "";
    await appendFile(
      file,
      `${lead}${SUBORDINATE_USER}:${SUBORDINATE_RANGE.start}:${SUBORDINATE_RANGE.count}\n`,
    );
  }
  return undefined;
}
