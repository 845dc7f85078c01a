/** The base `validate` checks immutability against when none is given: the one `plan` uses, or why there is none. */
import { gitRoot } from "./git-root.ts";
import { DEFAULT_BASE_BRANCHES, resolveBaseRef } from "./resolve-base-ref.ts";
import { runGit } from "./run-git.ts";

/** The merge base found, or one line saying why there is none (so only the immutability check is skipped). */
export type DefaultBase = { found: true; commit: string } | { found: false; reason: string };

/**
 * Finds the default base of `plan` (the merge base of HEAD with `main`, else `origin/main`) without
 * throwing when there is none: outside git, without git, without either branch, or with no common history.
 *
 * @example
 * const base = await findDefaultBase({ repoDir: "." });
 * if (!base.found) console.error(`immutable-version skipped: ${base.reason}`);
 */
export async function findDefaultBase({ repoDir }: { repoDir: string }): Promise<DefaultBase> {
  // Outside a work tree git would only fail, three times; each start of it costs the caller ~5 ms.
  if (gitRoot(repoDir) === undefined) return { found: false, reason: notInRepository(repoDir) };
  try {
    return { found: true, commit: await resolveBaseRef({ repoDir }) };
  } catch (error) {
    if (!isGitFailure(error)) throw error;
    return { found: false, reason: await whyNoBase(repoDir, error) };
  }
}

async function whyNoBase(repoDir: string, error: { cause?: unknown }): Promise<string> {
  if (isMissingCommand(error.cause)) return "git is not installed (not on PATH)";
  if (!(await gitSucceeds(repoDir, ["rev-parse", "--is-inside-work-tree"]))) {
    return notInRepository(repoDir);
  }
  for (const branch of DEFAULT_BASE_BRANCHES) {
    if (await gitSucceeds(repoDir, ["rev-parse", "--verify", "--quiet", `${branch}^{commit}`])) {
      return `HEAD has no merge base with ${branch}`;
    }
  }
  return `no ${DEFAULT_BASE_BRANCHES.join(" or ")} branch to take the merge base with`;
}

function notInRepository(repoDir: string): string {
  return `${repoDir} is not inside a git repository`;
}

async function gitSucceeds(repoDir: string, args: string[]): Promise<boolean> {
  try {
    await runGit({ repoDir, args });
    return true;
  } catch {
    return false;
  }
}

// Checked by `code`, as errors from another module are.
function isGitFailure(error: unknown): error is { code: string; cause?: unknown } {
  return (
    typeof error === "object" && error !== null && "code" in error && error.code === "GIT_FAILED"
  );
}

function isMissingCommand(cause: unknown): boolean {
  return typeof cause === "object" && cause !== null && "code" in cause && cause.code === "ENOENT";
}
