/** A SpecSource over one git revision: `git ls-tree` to list, one `git cat-file --batch` to read. */
import { createGitBlobReader } from "./create-git-blob-reader.ts";
import { runGit } from "./run-git.ts";
import type { SpecSource } from "./types.ts";

/**
 * Reads spec files as they are at `revision` (a commit, branch or tag) in `repoDir`.
 *
 * @example
 * const base = gitSource({ repoDir: ".", revision: "origin/main" });
 * await base.readFile("specs/busybox-tools/1.0.0.yaml");
 */
export function gitSource({
  repoDir,
  revision,
}: {
  repoDir: string;
  revision: string;
}): SpecSource {
  let listing: Promise<Set<string>> | undefined;
  const readBlob = createGitBlobReader({ repoDir });
  const allFiles = () => {
    listing ??= runGit({
      repoDir,
      args: ["ls-tree", "-r", "-z", "--name-only", "--full-tree", revision],
    }).then((out) => new Set(out.split("\0").filter(Boolean)));
    return listing;
  };
  return {
    description: `git:${repoDir}@${revision}`,
    async readFile(file) {
      const files = await allFiles();
      if (!files.has(file)) return undefined;
      return readBlob(`${revision}:${file}`);
    },
    async listFiles(prefix) {
      const dir = prefix.replace(/\/+$/, "");
      const files = await allFiles();
      return [...files].filter((file) => dir === "" || file.startsWith(`${dir}/`)).sort();
    },
  };
}
