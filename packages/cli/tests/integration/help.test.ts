/** --help for every command, and usage errors that exit 2 naming the problem. */
import { describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";

const COMMANDS = [
  "validate",
  "plan",
  "render",
  "build",
  "status",
  "images",
  "builds",
  "logs",
  "stop",
  "new",
  "doctor",
  "completion",
];

describe("--help", () => {
  it.each(COMMANDS)("%s --help prints usage, options and examples and exits 0", async (name) => {
    const { code, stdout } = await runCli([name, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: imagebuild ${name}`));
    expect(stdout).toContain("Options:");
    expect(stdout).toContain("--json");
    expect(stdout).toContain("Examples:");
    expect(stdout).toMatch(/Exit codes: 0 .*1 .*2 usage/s);
  });

  it("lists every command at the top level", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const name of COMMANDS) expect(stdout).toContain(`  ${name} `);
  });

  it("exits 2 without a command or with an unknown one", async () => {
    expect((await runCli([])).code).toBe(2);
    const unknown = await runCli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});

describe("usage errors", () => {
  it("an unknown flag exits 2 with the command's help pointer", async () => {
    const { code, stderr, stdout } = await runCli(["status", "--bogus"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("imagebuild status: Unknown option '--bogus'");
    expect(stderr).toContain("see: imagebuild status --help");
  });

  it("a bad flag value names the flag, and --json makes the error JSON on stdout", async () => {
    const { code, stdout } = await runCli([
      "build",
      "specs/x.yaml",
      "--concurrency",
      "0",
      "--json",
    ]);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      ok: false,
      error: { code: "USAGE", message: "--concurrency: must be at least 1" },
    });
  });

  it.each([
    [["plan", "--format", "yaml"], "--format: must be table, markdown or json"],
    [["images"], "--workspace: is required"],
    [["images", "--workspace", "w", "--labels", "novalue"], "--labels: must be key=value pairs"],
    [["status"], "give exactly one JOB|BUILD id"],
    [["status", "bad id!"], "JOB|BUILD: must be a job id"],
    [["render"], "give exactly one SPEC file"],
    [["validate", "--env", "Prod"], "--env: must be an environment name"],
    [["build", "--rate", "0"], "--rate: must be"],
    [["plan", "--base=-x"], "--base: must not start with"],
  ])("%j exits 2: %s", async (argv, message) => {
    const { code, stderr } = await runCli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
