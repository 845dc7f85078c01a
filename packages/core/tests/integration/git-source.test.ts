/** gitSource reads specs at a commit of a real git repository. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitSource } from "../../src/index.ts";

let repo: string;
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
};
const git = (...args: string[]) =>
  execFileSync("git", ["-C", repo, ...args], { env: GIT_ENV, encoding: "utf8" });

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), "imagebuild-git-source-"));
  git("init", "-q", "-b", "main");
  for (let n = 0; n < 300; n += 1) {
    mkdirSync(path.join(repo, `specs/image-${n}`), { recursive: true });
    writeFileSync(path.join(repo, `specs/image-${n}/1.0.yaml`), `n: ${n}\n${"x".repeat(n * 50)}\n`);
  }
  writeFileSync(path.join(repo, "specs/empty.txt"), "");
  git("add", "-A");
  git("commit", "-q", "-m", "one");
  writeFileSync(path.join(repo, "specs/image-0/1.0.yaml"), "changed\n");
  git("commit", "-q", "-am", "two");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("gitSource", () => {
  it("reads many files of a revision at once, in order, through one batch reader", async () => {
    const source = gitSource({ repoDir: repo, revision: "HEAD~1" });
    const files = (await source.listFiles("specs")).filter((f) => f.endsWith(".yaml"));
    expect(files).toHaveLength(300);
    const texts = await Promise.all(files.map((f) => source.readFile(f)));
    for (const [i, file] of files.entries()) {
      const n = Number(/image-(\d+)/.exec(file)?.[1]);
      expect(texts[i]).toBe(`n: ${n}\n${"x".repeat(n * 50)}\n`);
    }
    expect(await source.readFile("specs/empty.txt")).toBe("");
    expect(await source.readFile("specs/nope.yaml")).toBeUndefined();
    expect(
      await gitSource({ repoDir: repo, revision: "main" }).readFile("specs/image-0/1.0.yaml"),
    ).toBe("changed\n");
  });

  it("fails with a GitError naming the command for an unknown revision", async () => {
    await expect(
      gitSource({ repoDir: repo, revision: "no-such-ref" }).listFiles("specs"),
    ).rejects.toMatchObject({
      code: "GIT_FAILED",
      message: expect.stringContaining("git ls-tree"),
    });
  });
});
