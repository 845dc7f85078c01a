/** A SpecSource over one git revision: `git ls-tree` to list, one `git cat-file --batch` to read. */
import path from "node:path";
import { createGitBlobReader } from "./create-git-blob-reader.ts";
import { runGit } from "./run-git.ts";
import { isInsideFolder } from "./read-file-inside.ts";
import type { InsideRead, SpecSource } from "./types.ts";

/** git's mode of a symbolic link: the blob holds the link's target path, not a file's content. */
const SYMLINK_MODE = "120000";
/** Links followed before a chain counts as a loop (Linux's own limit). */
const MAX_SYMLINK_HOPS = 40;

/**
 * Reads spec files as they are at `revision` (a commit, branch or tag) in `repoDir`. `readFileInside`
 * follows a symbolic link (mode 120000) only while it stays inside the folder, never to the host's files.
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
  let listing: Promise<Map<string, string>> | undefined;
  const readBlob = createGitBlobReader({ repoDir });
  const allFiles = () => {
    listing ??= runGit({
      repoDir,
      args: ["ls-tree", "-r", "-z", "--full-tree", revision],
    }).then(parseTree);
    return listing;
  };
  return {
    description: `git:${repoDir}@${revision}`,
    async readFile(file) {
      const files = await allFiles();
      if (!files.has(file)) return undefined;
      return readBlob(`${revision}:${file}`);
    },
    async readFileInside(file, folder) {
      const files = await allFiles();
      let current = file;
      for (let hop = 0; hop <= MAX_SYMLINK_HOPS; hop += 1) {
        const mode = files.get(current);
        if (mode === undefined) return hop === 0 ? { status: "missing" } : { status: "outside" };
        if (mode !== SYMLINK_MODE) return readRegular(mode, current);
        const target = (await readBlob(`${revision}:${current}`)) ?? "";
        current = path.posix.normalize(path.posix.join(path.posix.dirname(current), target));
        if (path.posix.isAbsolute(target) || !isInsideFolder(current, folder))
          return { status: "outside" };
      }
      return { status: "outside" };
    },
    async listFiles(prefix) {
      const dir = prefix.replace(/\/+$/, "");
      const files = await allFiles();
      return [...files.keys()].filter((file) => dir === "" || file.startsWith(`${dir}/`)).sort();
    },
  };

  async function readRegular(mode: string, file: string): Promise<InsideRead> {
    // 100644 and 100755 are files; 160000 is a submodule's commit, with no content here.
    if (!mode.startsWith("100")) return { status: "not-a-file" };
    const text = await readBlob(`${revision}:${file}`);
    return text === undefined ? { status: "missing" } : { status: "read", text };
  }
}

/** `<mode> <type> <object>\t<path>` entries, NUL-separated, to a map of path to mode. */
function parseTree(out: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of out.split("\0")) {
    const tab = entry.indexOf("\t");
    if (tab < 0) continue;
    files.set(entry.slice(tab + 1), entry.slice(0, entry.indexOf(" ")));
  }
  return files;
}
