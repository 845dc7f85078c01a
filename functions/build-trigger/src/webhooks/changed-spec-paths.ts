/** Which spec files a push added or modified (to build) and removed (to report), in commit order. */

/** The file lists of one pushed commit, as GitHub and GitLab send them. */
export interface CommitFiles {
  added?: string[] | undefined;
  modified?: string[] | undefined;
  removed?: string[] | undefined;
}

/**
 * Folds the commits of a push into the spec files to build and those removed. A file added and
 * later removed in the same push is only reported as removed; only `<prefix><image>/<version>.yaml`
 * files count (not `_defaults.yaml`, which does not rebuild versions that were already built).
 *
 * @example
 * changedSpecPaths({ commits: [{ added: ["specs/a/1.0.yaml"] }], prefix: "specs/" }) // { build: ["specs/a/1.0.yaml"], removed: [] }
 */
export function changedSpecPaths({
  commits,
  prefix,
}: {
  commits: readonly CommitFiles[];
  prefix: string;
}): { build: string[]; removed: string[] } {
  const state = new Map<string, "build" | "removed">();
  for (const commit of commits) {
    for (const path of [...(commit.added ?? []), ...(commit.modified ?? [])])
      state.set(path, "build");
    for (const path of commit.removed ?? []) state.set(path, "removed");
  }
  const build: string[] = [];
  const removed: string[] = [];
  for (const [path, status] of state) {
    if (!isSpecPath(path, prefix)) continue;
    (status === "build" ? build : removed).push(path);
  }
  return { build: build.sort(), removed: removed.sort() };
}

/**
 * True for `<prefix><image>/<version>.yaml` (one folder level, no `_` files, no `..`).
 *
 * @example
 * isSpecPath("specs/busybox-tools/1.0.0.yaml", "specs/") // true
 */
export function isSpecPath(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix) || !path.endsWith(".yaml")) return false;
  const rest = path.slice(prefix.length).split("/");
  if (rest.length !== 2) return false;
  const [folder = "", file = ""] = rest;
  return !folder.startsWith("_") && !file.startsWith("_") && folder !== ".." && folder !== ".";
}
