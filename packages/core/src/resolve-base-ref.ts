/** Finds the default base revision for a plan: the merge base of HEAD with main. */
import { runGit } from "./run-git.ts";

/** Branches tried, in order, when no base is given. */
export const DEFAULT_BASE_BRANCHES = ["main", "origin/main"] as const;

/**
 * Resolves `base` to a full commit id; without `base`, the merge base of HEAD with `main` (or `origin/main`
 * in a CI checkout that has no local main branch).
 *
 * @example
 * await resolveBaseRef({ repoDir: "." }) // "3f2a…" (40 hex)
 */
export async function resolveBaseRef({
  repoDir,
  base,
}: {
  repoDir: string;
  base?: string | undefined;
}): Promise<string> {
  if (base !== undefined) {
    return (await runGit({ repoDir, args: ["rev-parse", "--verify", `${base}^{commit}`] })).trim();
  }
  let lastError: unknown;
  for (const branch of DEFAULT_BASE_BRANCHES) {
    try {
      return (await runGit({ repoDir, args: ["merge-base", "HEAD", branch] })).trim();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
