/** The real bin: plain `validate` checks immutability against plan's default base, and reports a dated tag clash. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSpecRepo,
  SAMPLE_SECRET_HOSTS,
  SAMPLE_SPECS,
  type SpecRepo,
} from "@imagebuild/test-support";
import { runBin } from "../fixtures/run-bin.ts";

const ENV = { IMAGEBUILD_SECRET_HOSTS: JSON.stringify(SAMPLE_SECRET_HOSTS) };
const validate = (args: string[], cwd: string) => runBin(["validate", ...args], { cwd, env: ENV });

const HELLO = "specs/busybox-hello/1.0.0.yaml";
const FAIL = "specs/busybox-fail/1.0.0.yaml";
const edited = (file: string) => (SAMPLE_SPECS[file] ?? "").replace(/RUN .*/, "RUN echo edited");
const IMMUTABLE = (file: string) =>
  new RegExp(`^${file.replaceAll(".", "\\.")}:\\d+:\\d+: immutable-version: `, "m");
const tool = (policy = "") => `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.36
${policy}`;

let repo: SpecRepo;
const git = (...args: string[]) => execFileSync("git", ["-C", repo.dir, ...args]);
beforeEach(() => {
  repo = createSpecRepo({ files: SAMPLE_SPECS });
});
afterEach(() => repo.cleanup());

describe("validate without --base", () => {
  it("fails on a built version edited on a branch, comparing with the merge base, not main's tip", async () => {
    git("checkout", "-q", "-b", "feature");
    repo.commit({ [HELLO]: edited(HELLO) }, "edit a built version");
    // main moved on after the branch was cut: its busybox-fail is no change of this branch.
    git("checkout", "-q", "main");
    repo.commit({ [FAIL]: edited(FAIL) }, "main moves on");
    git("checkout", "-q", "feature");

    const { code, stdout, stderr } = await validate([], repo.dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(IMMUTABLE(HELLO));
    expect(stdout).toContain(`since the base git:${repo.dir}@${repo.sha}`);
    expect(stdout).not.toMatch(IMMUTABLE(FAIL));
    expect(stderr).toBe("");
  });

  it("fails on an uncommitted edit of a built version on main, and --json names the base", async () => {
    repo.write(HELLO, edited(HELLO));
    const { code, stdout } = await validate(["--json"], repo.dir);
    expect(code).toBe(1);
    const body = JSON.parse(stdout);
    expect(body).toMatchObject({ ok: false, base: repo.sha });
    expect(body.problems).toContainEqual(
      expect.objectContaining({ file: HELLO, ruleId: "immutable-version" }),
    );
  });

  it("without a main branch says so in one line and runs every other check; --base still overrides", async () => {
    git("branch", "-m", "main", "trunk");
    repo.write(HELLO, edited(HELLO));
    const plain = await validate([], repo.dir);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe(
      "imagebuild validate: immutable-version not checked: no main or origin/main branch to take the merge base with; pass --base REF to compare with a revision\n",
    );
    expect(plain.stdout).toMatch(/^checked 3 specs in env local, 4 specs in env prod: 0 errors/m);

    const based = await validate(["--base", "trunk"], repo.dir);
    expect(based.code).toBe(1);
    expect(based.stdout).toMatch(IMMUTABLE(HELLO));
    expect(based.stderr).toBe("");
  });

  it("outside git says so in one line and still reports the other problems", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "imagebuild-nogit-"));
    try {
      for (const [file, text] of Object.entries(SAMPLE_SPECS)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      }
      writeFileSync(path.join(dir, "specs/busybox-hello/1.0.1.yaml"), "kind: ImageBuild\n");
      const { code, stdout, stderr } = await validate([], dir);
      expect(code).toBe(1);
      expect(stderr).toBe(
        `imagebuild validate: immutable-version not checked: ${dir} is not inside a git repository; pass --base REF to compare with a revision\n`,
      );
      expect(stdout).toMatch(/^specs\/busybox-hello\/1\.0\.1\.yaml:\d+:\d+: /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("validate: a dated tag and an explicit one", () => {
  it("reports 1.0.0-20261201.yaml beside a dated 1.0.0.yaml at file:line:col, naming both", async () => {
    repo.write("specs/tool/1.0.0.yaml", tool("policy:\n  tag: dated\n"));
    repo.write("specs/tool/1.0.0-20261201.yaml", tool());
    repo.write("specs/tool/1.0.0-rc1.yaml", tool());
    const { code, stdout } = await validate(["--env", "prod"], repo.dir);
    expect(code).toBe(1);
    const clashes = stdout.split("\n").filter((line) => line.includes("duplicate-image-uri"));
    expect(clashes).toEqual([
      "specs/tool/1.0.0-20261201.yaml:3:1: duplicate-image-uri: Image.Uri registry-vpc.cn-hangzhou.example.com/ml/tool:1.0.0-20261201 is also the tag specs/tool/1.0.0.yaml:3:1 pushes on 2026-12-01 (policy.tag dated appends -<yyyymmdd> to registry-vpc.cn-hangzhou.example.com/ml/tool:1.0.0): every version needs its own image URI; give one of them another tag",
    ]);
  });
});
