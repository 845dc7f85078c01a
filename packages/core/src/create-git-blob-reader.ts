/** Reads many files of one revision through a single `git cat-file --batch` process instead of one `git show` each. */
import { childProcess } from "./lazy-builtins.ts";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { GitError } from "./run-git.ts";

/** The batch process exits after this long without requests, so nothing keeps the event loop alive. */
export const GIT_BATCH_IDLE_MS = 200;

interface Pending {
  object: string;
  resolve: (text: string | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * Returns `read("<rev>:<path>")`, resolving to the blob's text or undefined when it does not exist. Requests
 * are answered in order by one long-lived `git cat-file --batch`, started on demand and closed when idle.
 *
 * @example
 * const read = createGitBlobReader({ repoDir: "." });
 * await read("main:specs/_defaults.yaml");
 */
export function createGitBlobReader({
  repoDir,
}: {
  repoDir: string;
}): (object: string) => Promise<string | undefined> {
  let child: ChildProcessWithoutNullStreams | undefined;
  let buffered: Buffer = Buffer.alloc(0);
  let stderr = "";
  let queue: Pending[] = [];
  let idle: NodeJS.Timeout | undefined;

  const fail = (error: Error) => {
    for (const pending of queue) pending.reject(error);
    queue = [];
    child = undefined;
    buffered = Buffer.alloc(0);
  };

  const drain = () => {
    while (queue.length > 0) {
      const newline = buffered.indexOf(10);
      if (newline < 0) return;
      const header = buffered.subarray(0, newline).toString("utf8");
      const pending = queue[0] as Pending;
      if (header.endsWith(" missing")) {
        buffered = buffered.subarray(newline + 1);
        queue.shift();
        pending.resolve(undefined);
        continue;
      }
      const size = Number(header.split(" ")[2]);
      if (!Number.isInteger(size)) {
        fail(
          new GitError({ args: ["cat-file", "--batch"], stderr: `unexpected output: ${header}` }),
        );
        return;
      }
      if (buffered.length < newline + 1 + size + 1) return;
      const text = buffered.subarray(newline + 1, newline + 1 + size).toString("utf8");
      buffered = buffered.subarray(newline + 1 + size + 1);
      queue.shift();
      pending.resolve(text);
    }
    if (queue.length === 0) scheduleClose();
  };

  const scheduleClose = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      child?.stdin.end();
      child = undefined;
    }, GIT_BATCH_IDLE_MS);
    idle.unref();
  };

  const start = () => {
    const started = childProcess().spawn("git", ["-C", repoDir, "cat-file", "--batch"], {
      stdio: "pipe",
    });
    started.stdout.on("data", (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      drain();
    });
    started.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    started.on("error", (error) =>
      fail(new GitError({ args: ["cat-file", "--batch"], stderr, cause: error })),
    );
    started.on("exit", (code) => {
      if (queue.length > 0 && child === started) {
        fail(new GitError({ args: ["cat-file", "--batch"], stderr: stderr || `exited ${code}` }));
      }
    });
    return started;
  };

  return (object) => {
    if (object.includes("\n"))
      return Promise.reject(new RangeError("object names cannot contain a newline"));
    clearTimeout(idle);
    child ??= start();
    const current = child;
    return new Promise((resolve, reject) => {
      queue.push({ object, resolve, reject });
      current.stdin.write(`${object}\n`);
    });
  };
}
