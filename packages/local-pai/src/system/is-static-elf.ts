/** Tells a statically linked ELF executable from a dynamically linked one, by its program headers. */
import { openSync, readSync, closeSync } from "node:fs";

const PT_INTERP = 3;
const HEADER_BYTES = 64;

/**
 * True when `file` is a 64-bit little-endian ELF with no PT_INTERP header (no dynamic loader), which
 * is what a busybox copied alone into an image needs.
 *
 * @example
 * isStaticElf({ file: "/bin/busybox" }); // true with busybox-static, false with busybox
 */
export function isStaticElf({ file }: { file: string }): boolean {
  const fd = openSync(file, "r");
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    readSync(fd, header, 0, HEADER_BYTES, 0);
    const isElf64Le = header.readUInt32BE(0) === 0x7f454c46 && header[4] === 2 && header[5] === 1;
    if (!isElf64Le) return false;
    const phoff = Number(header.readBigUInt64LE(32));
    const phentsize = header.readUInt16LE(54);
    const phnum = header.readUInt16LE(56);
    const table = Buffer.alloc(phentsize * phnum);
    readSync(fd, table, 0, table.length, phoff);
    for (let i = 0; i < phnum; i++) {
      if (table.readUInt32LE(i * phentsize) === PT_INTERP) return false;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}
