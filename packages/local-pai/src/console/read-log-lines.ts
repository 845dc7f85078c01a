/** Reads the complete lines a job's log gained since a byte offset (the live log of the console). */
import { closeSync, openSync, readSync } from "node:fs";
import { jobLogPath } from "../queue/job-log.ts";

/** The most read in one go; a longer backlog arrives over several reads. */
const READ_CHUNK_BYTES = 256 * 1024;

/**
 * Every complete line of a job's log so far and the offset after them (a build page's first render).
 *
 * @example
 * readAllLogLines({ dataDir, jobId: "dlc-abc" }).lines.length
 */
export function readAllLogLines({ dataDir, jobId }: { dataDir: string; jobId: string }): {
  lines: string[];
  offset: number;
} {
  const lines: string[] = [];
  let offset = 0;
  for (;;) {
    const next = readLogLines({ dataDir, jobId, offset });
    if (next.offset === offset) return { lines, offset };
    lines.push(...next.lines);
    offset = next.offset;
  }
}

/**
 * The complete lines from `offset` on and the offset after them; a half-written last line waits.
 *
 * @example
 * readLogLines({ dataDir, jobId: "dlc-abc", offset: 0 }) // { lines: ["[local-pai] status Queuing"], offset: 28 }
 */
export function readLogLines({
  dataDir,
  jobId,
  offset,
}: {
  dataDir: string;
  jobId: string;
  offset: number;
}): { lines: string[]; offset: number } {
  let fd: number;
  try {
    fd = openSync(jobLogPath({ dataDir, jobId }), "r");
  } catch {
    return { lines: [], offset };
  }
  try {
    const buffer = Buffer.alloc(READ_CHUNK_BYTES);
    const read = readSync(fd, buffer, 0, READ_CHUNK_BYTES, offset);
    const end = buffer.subarray(0, read).lastIndexOf(0x0a);
    if (end < 0) return { lines: [], offset };
    const text = buffer.subarray(0, end).toString("utf8");
    return { lines: text.split("\n"), offset: offset + end + 1 };
  } finally {
    closeSync(fd);
  }
}
