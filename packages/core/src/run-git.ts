/** Runs git without a shell and reports failures with the command and stderr. */
import { childProcess } from "./lazy-builtins.ts";

/** Large enough for a tree listing of a big monorepo. */
const GIT_MAX_BUFFER_BYTES = 64 * 1024 * 1024;

/**
 * Thrown when a git command fails.
 *
 * @example
 * catch (e) { if (e.code === "GIT_FAILED") console.error(e.stderr) }
 */
export class GitError extends Error {
  override readonly name = "GitError";
  readonly code = "GIT_FAILED";
  readonly args: string[];
  readonly stderr: string;

  constructor({ args, stderr, cause }: { args: string[]; stderr: string; cause?: unknown }) {
    super(`git ${args.join(" ")} failed: ${stderr.trim() || String(cause)}`, { cause });
    this.args = args;
    this.stderr = stderr;
  }
}

/**
 * Runs `git <args>` in `repoDir` and returns stdout.
 *
 * @example
 * const head = (await runGit({ repoDir: ".", args: ["rev-parse", "HEAD"] })).trim();
 */
export function runGit({ repoDir, args }: { repoDir: string; args: string[] }): Promise<string> {
  return new Promise((resolve, reject) => {
    childProcess().execFile(
      "git",
      ["-C", repoDir, ...args],
      { maxBuffer: GIT_MAX_BUFFER_BYTES, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) reject(new GitError({ args, stderr, cause: error }));
        else resolve(stdout);
      },
    );
  });
}
