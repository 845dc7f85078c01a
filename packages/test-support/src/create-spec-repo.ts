/** Throwaway git repositories of specs for tests and benchmarks, removed by `cleanup()` or when the process ends. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultsYaml, LOCAL_REGISTRY } from "./spec-texts.ts";
import { writeFiles } from "./write-files.ts";

/** A temporary spec repository on branch `main`. */
export interface SpecRepo {
  dir: string;
  /** The sha of the initial commit. */
  sha: string;
  /** Writes one file (not committed). */
  write(file: string, text: string): void;
  /** Deletes one file (not committed). */
  remove(file: string): void;
  /** Writes `files`, commits everything and returns the new sha. */
  commit(files?: Record<string, string>, message?: string): string;
  /** Deletes the repository. */
  cleanup(): void;
}

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: "test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "test",
  GIT_COMMITTER_EMAIL: "test@example.com",
};

// Repositories a test did not clean up are removed when its process ends: at exit, or on the
// SIGTERM with which vitest stops its fork workers (no exit handler runs then). One set per process:
// the runner loads this module once per test file.
const LEFTOVERS_KEY = Symbol.for("@imagebuild/test-support/spec-repos");
const leftovers = leftoverSet();

function leftoverSet(): Set<string> {
  const registry = globalThis as Record<symbol, Set<string> | undefined>;
  const existing = registry[LEFTOVERS_KEY];
  if (existing) return existing;
  const dirs = new Set<string>();
  registry[LEFTOVERS_KEY] = dirs;
  const removeAll = () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs.clear();
  };
  process.once("exit", removeAll);
  process.once("SIGTERM", () => {
    removeAll();
    // Nobody else handles it: end the process as the default SIGTERM action would.
    if (process.listenerCount("SIGTERM") === 0) process.kill(process.pid, "SIGTERM");
  });
  return dirs;
}

/**
 * Creates a git repository with `specs/_defaults.yaml` (the local environment pushing to `registry`)
 * and `files` committed on `main`; `files` may replace the defaults.
 *
 * @example
 * const repo = createSpecRepo({ files: { "specs/a/1.0.0.yaml": specYaml({ name: "a" }) } });
 * const next = repo.commit({ "specs/b/1.0.0.yaml": specYaml({ name: "b" }) }, "add b");
 * repo.cleanup();
 */
export function createSpecRepo({
  files = {},
  registry = LOCAL_REGISTRY,
}: {
  files?: Record<string, string>;
  registry?: string;
} = {}): SpecRepo {
  const dir = mkdtempSync(path.join(tmpdir(), "imagebuild-spec-repo-"));
  leftovers.add(dir);
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, ...GIT_IDENTITY },
      stdio: "pipe",
    }).trim();
  const repo: SpecRepo = {
    dir,
    sha: "",
    write: (file, text) => writeFiles(dir, { [file]: text }),
    remove: (file) => rmSync(path.join(dir, file)),
    commit(more = {}, message = "specs") {
      writeFiles(dir, more);
      git("add", "-A");
      git("commit", "-q", "-m", message);
      return git("rev-parse", "HEAD");
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
      leftovers.delete(dir);
    },
  };
  git("init", "-q", "-b", "main");
  repo.sha = repo.commit(
    { "specs/_defaults.yaml": defaultsYaml({ registry }), ...files },
    "initial specs",
  );
  return repo;
}
