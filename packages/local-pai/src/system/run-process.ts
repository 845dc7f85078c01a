/** Runs a child process in its own process group, streaming its output lines, killable as a whole tree. */
import { spawn } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** How long a process group gets after SIGTERM before it is sent SIGKILL. */
const KILL_GRACE_MS = 3_000;
/** How many trailing output lines are kept for error messages. */
const TAIL_LINES = 200;

/** The result of a finished child process. */
export interface ProcessResult {
  exitCode: number | null;
  /** True when `signal` aborted the process (its group was killed). */
  aborted: boolean;
  /** The last lines of stdout and stderr, interleaved as they arrived. */
  tail: string[];
}

/**
 * Spawns `command args` as the leader of a new process group. Aborting `signal` kills the whole group
 * (SIGTERM, then SIGKILL after a grace period), so builder children never outlive a stopped build.
 *
 * @example
 * const { exitCode, tail } = await runProcess({ command: "buildah", args: ["version"], onLine: console.log });
 */
export async function runProcess({
  command,
  args,
  env,
  cwd,
  signal,
  onLine,
  input,
  pidDir,
}: {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
  onLine?: (line: string) => void;
  input?: string;
  /** When set, a file named after the process group id is kept here while it runs, so a later start can find a group orphaned by a crash. */
  pidDir?: string;
}): Promise<ProcessResult> {
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    onLine?.(line);
  };
  if (signal?.aborted) return { exitCode: null, aborted: true, tail };

  const child = spawn(command, args, {
    env: env ?? process.env,
    cwd,
    detached: true,
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (input !== undefined) child.stdin?.end(input);
  const pid = child.pid;
  const pidFile = pidDir !== undefined && pid !== undefined ? join(pidDir, String(pid)) : undefined;
  if (pidFile) await writeFile(pidFile, `${command}\n`).catch(() => undefined);
  let aborted = false;
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    aborted = true;
    if (pid === undefined) return;
    killGroup(pid, "SIGTERM");
    killTimer = setTimeout(() => killGroup(pid, "SIGKILL"), KILL_GRACE_MS);
  };
  signal?.addEventListener("abort", onAbort, { once: true });

  const outDone = drain(child.stdout, keep);
  const errDone = drain(child.stderr, keep);
  const exitCode = await new Promise<number | null>((resolve) => {
    child.once("error", (error) => {
      keep(`${command}: ${error.message}`);
      resolve(null);
    });
    child.once("exit", (code) => resolve(code));
  });
  // A builder may leave grandchildren behind in its group after it exits; none may outlive the build.
  if (pid !== undefined) killGroup(pid, "SIGKILL");
  await Promise.all([outDone, errDone]);
  if (pidFile) await rm(pidFile, { force: true });
  clearTimeout(killTimer);
  signal?.removeEventListener("abort", onAbort);
  return { exitCode, aborted, tail };
}

/**
 * Sends `sig` to every process in group `pgid`; a group that is already gone is not an error.
 *
 * @example
 * killGroup(child.pid, "SIGKILL");
 */
export function killGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

function drain(
  stream: NodeJS.ReadableStream | null,
  onLine: (line: string) => void,
): Promise<void> {
  if (!stream) return Promise.resolve();
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on("line", onLine);
  return new Promise((resolve) => lines.once("close", () => resolve()));
}
