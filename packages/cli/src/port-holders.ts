/** Which process listens on a TCP port, from /proc/net/tcp{,6} and the socket links in /proc/<pid>/fd (Linux). */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** The listener of a port: its socket inode and, when this user may see it, the process. */
export interface PortHolder {
  port: number;
  inode: string;
  pid?: number;
  command?: string;
}

// /proc/net/tcp's `st` column: 0A is LISTEN.
const TCP_LISTEN = "0A";
const MAX_COMMAND_LENGTH = 120;

/**
 * The listening TCP sockets on `port` (IPv4 and IPv6), each with the process holding it when its
 * /proc/<pid>/fd is readable by this user. Empty when nothing listens or /proc is not Linux's.
 *
 * @example
 * portHolders(7070) // [{ port: 7070, inode: "123456", pid: 4242, command: "node bin/imagebuild.cjs local serve" }]
 */
export function portHolders(
  port: number,
  { procDir = "/proc" }: { procDir?: string } = {},
): PortHolder[] {
  const inodes = new Set<string>();
  for (const file of ["net/tcp", "net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(`${procDir}/${file}`, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (!local || fields[3] !== TCP_LISTEN) continue;
      const hexPort = local.slice(local.lastIndexOf(":") + 1);
      if (Number.parseInt(hexPort, 16) === port && fields[9]) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return [];
  const holders = new Map<string, PortHolder>([...inodes].map((inode) => [inode, { port, inode }]));
  for (const pid of numericEntries(procDir)) {
    let fds: string[];
    try {
      fds = readdirSync(`${procDir}/${pid}/fd`);
    } catch {
      continue; // another user's process, or it just exited
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`${procDir}/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      const holder = inode === undefined ? undefined : holders.get(inode);
      if (holder && holder.pid === undefined) {
        holder.pid = pid;
        holder.command = commandLine(procDir, pid);
      }
    }
  }
  return [...holders.values()];
}

/**
 * Who holds a port, in words that carry no argument of their command line (another user's arguments
 * may hold a secret): `pid 4242 (node)`, or `a process of another user` when /proc hides it.
 *
 * @example
 * describeHolders(portHolders(7070)); // "pid 4242 (node)"
 */
export function describeHolders(holders: readonly PortHolder[]): string {
  const names = holders.map((holder) => {
    if (holder.pid === undefined) return "a process of another user";
    const program = holder.command?.split(" ")[0]?.split("/").at(-1);
    return program ? `pid ${holder.pid} (${program})` : `pid ${holder.pid}`;
  });
  return [...new Set(names)].join(", ") || "another process";
}

function numericEntries(procDir: string): number[] {
  try {
    return readdirSync(procDir)
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

function commandLine(procDir: string, pid: number): string | undefined {
  try {
    const text = readFileSync(`${procDir}/${pid}/cmdline`, "utf8")
      .split("\0")
      .filter(Boolean)
      .join(" ");
    return text.length > MAX_COMMAND_LENGTH ? `${text.slice(0, MAX_COMMAND_LENGTH - 1)}…` : text;
  } catch {
    return undefined;
  }
}
