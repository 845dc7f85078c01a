/** findDefaultBase over real git repositories: the merge base with main, or one reason why there is none. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createSpecRepo, SAMPLE_SPECS } from "@imagebuild/test-support";
import { describe, expect, it } from "vitest";
import { findDefaultBase } from "../../src/index.ts";

const git = (dir: string, ...args: string[]) =>
  execFileSync("git", ["-C", dir, ...args], { encoding: "utf8" }).trim();

describe("findDefaultBase", () => {
  it("is the merge base of HEAD with main, as plan's default", async () => {
    const repo = createSpecRepo({ files: SAMPLE_SPECS });
    try {
      git(repo.dir, "checkout", "-q", "-b", "feature");
      repo.commit({ "specs/new-tool/1.0.0.yaml": "kind: ImageBuild\n" });
      expect(await findDefaultBase({ repoDir: repo.dir })).toEqual({
        found: true,
        commit: repo.sha,
      });
    } finally {
      repo.cleanup();
    }
  });

  it("says there is no main branch when the trunk has another name", async () => {
    const repo = createSpecRepo({ files: SAMPLE_SPECS });
    try {
      git(repo.dir, "branch", "-m", "main", "trunk");
      expect(await findDefaultBase({ repoDir: repo.dir })).toEqual({
        found: false,
        reason: "no main or origin/main branch to take the merge base with",
      });
    } finally {
      repo.cleanup();
    }
  });

  it("says HEAD shares no history with main", async () => {
    const repo = createSpecRepo({ files: SAMPLE_SPECS });
    try {
      git(repo.dir, "checkout", "-q", "--orphan", "other");
      repo.commit({}, "unrelated");
      expect(await findDefaultBase({ repoDir: repo.dir })).toEqual({
        found: false,
        reason: "HEAD has no merge base with main",
      });
    } finally {
      repo.cleanup();
    }
  });

  it("says the folder is not in a git repository", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "imagebuild-nogit-"));
    try {
      expect(await findDefaultBase({ repoDir: dir })).toEqual({
        found: false,
        reason: `${dir} is not inside a git repository`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("knows a folder is outside any work tree without running git", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "imagebuild-nogit-"));
    const { PATH } = process.env;
    try {
      // With no git to run, only a reason found without git can be this one.
      process.env.PATH = dir;
      expect(await findDefaultBase({ repoDir: dir })).toEqual({
        found: false,
        reason: `${dir} is not inside a git repository`,
      });
    } finally {
      process.env.PATH = PATH;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
