/** Temporary spec repositories: committed on main, further commits, cleanup. */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createSpecRepo } from "../../src/create-spec-repo.ts";
import { SAMPLE_SPECS, specYaml } from "../../src/spec-texts.ts";

const git = (dir: string, ...args: string[]) =>
  execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();

describe("createSpecRepo", () => {
  it("commits the local defaults and the files on main, then more commits", () => {
    const repo = createSpecRepo({
      files: { "specs/a/1.0.0.yaml": specYaml({ name: "a" }) },
      registry: "127.0.0.1:5999/x",
    });
    try {
      expect(git(repo.dir, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
      expect(git(repo.dir, "rev-parse", "HEAD")).toBe(repo.sha);
      expect(readFileSync(path.join(repo.dir, "specs/_defaults.yaml"), "utf8")).toContain(
        "registry: 127.0.0.1:5999/x",
      );
      repo.remove("specs/a/1.0.0.yaml");
      const next = repo.commit({ "specs/b/1.0.0.yaml": specYaml({ name: "b" }) }, "swap a for b");
      expect(git(repo.dir, "log", "-1", "--format=%s")).toBe("swap a for b");
      expect(
        git(repo.dir, "diff", "--no-renames", "--name-status", repo.sha, next).split("\n"),
      ).toEqual(["D\tspecs/a/1.0.0.yaml", "A\tspecs/b/1.0.0.yaml"]);
    } finally {
      repo.cleanup();
    }
    expect(existsSync(repo.dir)).toBe(false);
  });

  it("lets the files replace the defaults", () => {
    const repo = createSpecRepo({ files: SAMPLE_SPECS });
    try {
      expect(readFileSync(path.join(repo.dir, "specs/_defaults.yaml"), "utf8")).toBe(
        SAMPLE_SPECS["specs/_defaults.yaml"],
      );
    } finally {
      repo.cleanup();
    }
  });
});

describe("a repository left behind", () => {
  const MODULE = fileURLToPath(new URL("../../src/create-spec-repo.ts", import.meta.url));
  // A child process creates a repository, prints its folder and ends without cleaning up.
  const child = (ending: string) =>
    spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const { createSpecRepo } = await import(${JSON.stringify(MODULE)});
         console.log(createSpecRepo().dir); ${ending}`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
  const firstLine = (proc: ReturnType<typeof spawn>) =>
    new Promise<string>((resolve) => {
      proc.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    });
  const ended = (proc: ReturnType<typeof spawn>) =>
    new Promise<void>((resolve) => proc.once("exit", () => resolve()));

  it("is removed when the process exits", async () => {
    const proc = child("");
    const dir = await firstLine(proc);
    await ended(proc);
    expect(existsSync(dir)).toBe(false);
  });

  it("is removed when the process is stopped with SIGTERM, which still ends it", async () => {
    const proc = child("setInterval(() => {}, 1000);");
    const dir = await firstLine(proc);
    proc.kill("SIGTERM");
    await ended(proc);
    expect(proc.signalCode).toBe("SIGTERM");
    expect(existsSync(dir)).toBe(false);
  });
});
