/** Gives the `containers` user the subordinate id ranges the build storages' user namespaces are cut from, and reads them. */
import { appendFile, readFile } from "node:fs/promises";

/** The user whose /etc/subuid and /etc/subgid ranges hold every build storage's ids (image-storage.ts). */
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
    if (containersRange(text) !== undefined) continue;
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

/** A subordinate id range: `count` host ids from `start`. */
export interface SubordinateRange {
  start: number;
  count: number;
}

/**
 * The first `containers` range of /etc/subuid and of /etc/subgid, which the build storages' id
 * ranges are cut from (image-storage.ts); throws naming the file when it has none.
 *
 * @example
 * await subordinateRanges({}); // { uid: { start: 2147483647, count: 2147483648 }, gid: { … } }
 */
export async function subordinateRanges({
  files = { uid: "/etc/subuid", gid: "/etc/subgid" },
}: {
  files?: { uid: string; gid: string };
}): Promise<{ uid: SubordinateRange; gid: SubordinateRange }> {
  const read = async (file: string): Promise<SubordinateRange> => {
    const range = containersRange(await readFile(file, "utf8").catch(() => ""));
    if (range === undefined) throw new Error(`${file} has no range for "${SUBORDINATE_USER}"`);
    return range;
  };
  const [uid, gid] = await Promise.all([read(files.uid), read(files.gid)]);
  return { uid, gid };
}

/** The first well-formed `containers:<start>:<count>` line of a subuid or subgid file's text. */
function containersRange(text: string): SubordinateRange | undefined {
  for (const line of text.split("\n")) {
    const [user, start, count] = line.trim().split(":");
    if (user !== SUBORDINATE_USER) continue;
    const range = { start: Number(start), count: Number(count) };
    if (Number.isSafeInteger(range.start) && Number.isSafeInteger(range.count) && range.count > 0)
      return range;
  }
  return undefined;
}
