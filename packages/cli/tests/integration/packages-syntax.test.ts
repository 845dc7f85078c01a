/** imagebuild validate and render on package lists written as pip, conda and apt-get document them. */
import { createSpecRepo, type SpecRepo } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";

const GOOD = "specs/ml-data/1.0.0.yaml";
const BAD = "specs/ml-bad/1.0.0.yaml";
const PIP = ["scikit-learn>=1.3,<1.5", `pandas[parquet]~=2.2; python_version >= "3.10"`];

function spec(lists: string): string {
  return `apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Packages:\n      Base: debian:bookworm\n${lists}`;
}

let repo: SpecRepo;
beforeAll(() => {
  repo = createSpecRepo({
    files: {
      [GOOD]: spec(`      Pip:\n${PIP.map((entry) => `        - '${entry}'`).join("\n")}\n`),
    },
  });
});
afterAll(() => repo.cleanup());

describe("package lists through the bin's commands", () => {
  it("validate accepts a pip range with < and a marker, and render passes them to pip as written", async () => {
    const validate = await runCli(["validate", GOOD, "--env", "local"], { cwd: repo.dir });
    expect(validate.stderr).toBe("");
    expect(validate.code).toBe(0);
    const render = await runCli(["render", GOOD, "--env", "local", "--json"], { cwd: repo.dir });
    const dockerfile = JSON.parse(render.stdout).request.BuildConfig.Dockerfile as string;
    expect(dockerfile).toBe(
      `FROM debian:bookworm\nRUN ${JSON.stringify(["python3", "-m", "pip", "install", "--no-cache-dir", ...PIP])}\n`,
    );
  });

  it("validate names a refused entry at file:line:col and says what is allowed, with no pattern", async () => {
    repo.write(
      BAD,
      spec("      Pip:\n        - numpy=1.2\n      Apt:\n        - curl && reboot\n"),
    );
    try {
      const run = await runCli(["validate", BAD, "--env", "local"], { cwd: repo.dir });
      const output = run.stdout + run.stderr;
      expect(run.code).toBe(1);
      expect(output).toContain(
        `${BAD}:8:11: package-syntax: BuildConfig.Packages.Pip[0]: "numpy=1.2" is not a PEP 508 requirement: use == for an exact version, e.g. numpy==1.2`,
      );
      expect(output).toContain(
        `${BAD}:10:11: package-syntax: BuildConfig.Packages.Apt[0]: "curl && reboot" is not an apt package: the entry holds spaces: write one package per entry`,
      );
      expect(output).not.toMatch(/must match|\^\[/);
    } finally {
      repo.remove(BAD);
    }
  });
});
