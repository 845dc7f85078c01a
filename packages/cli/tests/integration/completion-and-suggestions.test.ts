/** Shell completion (run in a real bash), --version and did-you-mean for commands and flags, through the real bin. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin } from "../fixtures/run-bin.ts";

let dir: string;
let script: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "imagebuild-completion-"));
  script = path.join(dir, "imagebuild.bash");
  writeFileSync(script, (await runBin(["completion", "bash"])).stdout);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What bash offers for `imagebuild <words>` with the cursor at the end of the last word. */
function complete(words: string[]): string[] {
  const line = `source ${JSON.stringify(script)}; COMP_WORDS=(imagebuild ${words.map((w) => JSON.stringify(w)).join(" ")}); COMP_CWORD=${words.length}; _imagebuild; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync("bash", ["-c", line], { cwd: dir, encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
}

describe("completion", () => {
  it("bash completes commands, each command's flags and two-word commands", () => {
    expect(complete(["bu"])).toEqual(["build", "builds"]);
    expect(complete(["logs", "--f"])).toEqual(["--follow"]);
    expect(complete(["build", "--w"])).toEqual(["--wait"]);
    expect(complete(["local", "s"])).toEqual(["serve"]);
    expect(complete(["local", "serve", "--he"])).toEqual(["--help"]);
    expect(complete(["--ver"])).toEqual(["--version"]);
  });

  it("zsh and fish scripts name every command and its flags", async () => {
    const zsh = (await runBin(["completion", "zsh"])).stdout;
    expect(zsh).toMatch(/^#compdef imagebuild\n/);
    expect(zsh).toContain("'builds:list recent builds, failed and running ones too'");
    expect(zsh).toMatch(/"doctor"\) flags=\(.*--ports.*\)/);
    const fish = (await runBin(["completion", "fish"])).stdout;
    expect(fish).toContain(
      "complete -c imagebuild -n '__fish_seen_subcommand_from logs' -l follow\n",
    );
  });

  it("exits 2 for an unknown shell, suggesting the nearest", async () => {
    const { code, stderr } = await runBin(["completion", "bsh"]);
    expect(code).toBe(2);
    expect(stderr).toContain('give the shell: bash, zsh or fish (not "bsh"; did you mean "bash"?)');
  });
});

describe("--version and did you mean", () => {
  it("prints the version", async () => {
    const { code, stdout } = await runBin(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^imagebuild \d+\.\d+\.\d+\n$/);
  });

  it("suggests the nearest command and flag", async () => {
    const command = await runBin(["biuld"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "biuld"; did you mean "build"?');
    const flag = await runBin(["logs", "dlc-x", "--folow"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--folow'; did you mean \"--follow\"?");
  });
});
