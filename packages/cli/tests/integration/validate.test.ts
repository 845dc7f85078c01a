/** imagebuild validate: schema and lint problems with file and field, as text and JSON. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";
import { createSpecRepo, SAMPLE_SPECS, type SpecRepo } from "@imagebuild/test-support";

const REPO_ROOT = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../..");
const PROBLEM_LINE = /^specs\/[a-z0-9-]+\/[^:]+:\d+:\d+: [a-z0-9-]+: .+$/;

let repo: SpecRepo;
beforeEach(() => {
  repo = createSpecRepo({ files: SAMPLE_SPECS });
});
afterEach(() => repo.cleanup());

describe("validate", () => {
  it("passes the repository's own example specs in every environment", async () => {
    const { code, stdout } = await runCli(["validate", "--json"], { cwd: REPO_ROOT });
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body.ok).toBe(true);
    expect(body.environments.map((e: { env: string }) => e.env)).toEqual(["local", "prod"]);
    const local = body.environments[0];
    expect(local.notInEnv).toEqual(["specs/pytorch-train/2.4.0.yaml"]);
    expect(local.specs.length).toBeGreaterThanOrEqual(3);
  });

  it("works from inside the specs folder with --dir .", async () => {
    const { code, stdout } = await runCli(["validate", "--dir", "."], {
      cwd: path.join(REPO_ROOT, "specs"),
    });
    expect(code).toBe(0);
    // Warnings are the pin-base-digest suggestions only: the examples build offline from locally seeded
    // bases, whose digests are not Docker Hub's (docs/decisions/cli-pin.md).
    expect(stdout).toMatch(
      /^checked \d+ specs in env local, \d+ specs in env prod: 0 errors, \d+ warnings?$/m,
    );
    const warnings = stdout.split("\n").filter((line) => line.includes(": warning: "));
    for (const line of warnings) expect(line).toContain(": warning: pin-base-digest: ");
  });

  it("checks every environment the specs define and lists specs an environment leaves out", async () => {
    const { code, stdout } = await runCli(["validate"], { cwd: repo.dir });
    expect(code).toBe(0);
    const lines = stdout
      .split("\n")
      .filter((line) => !line.includes(": warning: pin-base-digest: "));
    expect(lines).toEqual([
      "specs/cloud-only/1.0.0.yaml: not built in env local",
      "checked 3 specs in env local, 4 specs in env prod: 0 errors, 4 warnings",
      "",
    ]);
  });

  it("prints file:line:col: rule-id: message lines and exits 1 for a bad spec", async () => {
    repo.write(
      "specs/bad/1.0.yaml",
      "apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  Image:\n    Name: other\n  BuildConfig:\n    BuildType: CustomDockerfile\n    Dockerfile: |\n      FROM busybox\nenvironments:\n  local:\n    build:\n      WorkspaceId: local\n",
    );
    const { code, stdout } = await runCli(["validate", "--env", "local"], { cwd: repo.dir });
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n");
    const problems = lines.filter((l) => !/not built in env|^checked /.test(l));
    expect(problems.length).toBeGreaterThanOrEqual(2);
    for (const line of problems) expect(line).toMatch(PROBLEM_LINE);
    expect(stdout).toContain("specs/bad/1.0.yaml:5:11: path-name-tag:");
    expect(stdout).toMatch(/specs\/bad\/1\.0\.yaml:9:\d+: [a-z-]+: .*busybox/);
    expect(lines.at(-1)).toMatch(/^checked 3 specs in env local: [1-9]\d* errors?, \d+ warnings?$/);
  });

  it("--json lists the problems with their locations", async () => {
    repo.write("specs/bad/1.0.yaml", "apiVersion: imagebuild/v1\nkind: ImageBuild\nbogus: 1\n");
    const { code, stdout } = await runCli(["validate", "--json", "specs/bad"], { cwd: repo.dir });
    expect(code).toBe(1);
    const body = JSON.parse(stdout);
    expect(body.ok).toBe(false);
    expect(body.errors).toBeGreaterThan(0);
    expect(body.problems[0]).toMatchObject({
      file: "specs/bad/1.0.yaml",
      line: 3,
      column: 1,
      severity: "error",
    });
  });

  it("--base reports a changed immutable version", async () => {
    repo.write(
      "specs/busybox-hello/1.0.0.yaml",
      "apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    BuildType: CustomDockerfile\n    Dockerfile: |\n      FROM busybox:1.37\n",
    );
    const { code, stdout } = await runCli(["validate", "--base", "HEAD"], { cwd: repo.dir });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^specs\/busybox-hello\/1\.0\.0\.yaml:\d+:\d+: immutable-version: /m);
  });

  it("a mistyped --env is a usage error that names it and suggests the nearest", async () => {
    const { code, stdout, stderr } = await runCli(["validate", "--env", "lcoal"], {
      cwd: repo.dir,
    });
    expect(code).toBe(2);
    expect(stderr).toContain(
      '--env: no spec defines the environment "lcoal"; did you mean "local"?',
    );
    expect(stdout).not.toContain("not built in env");
  });

  it("a path outside the specs folder is a usage error", async () => {
    const { code, stderr } = await runCli(["validate", "README.md"], { cwd: repo.dir });
    expect(code).toBe(2);
    expect(stderr).toContain("README.md: not inside the specs folder");
  });
});
