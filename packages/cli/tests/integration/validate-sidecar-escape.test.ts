/** The real bin refuses a sidecar Dockerfile that links out of its spec's folder, and prints nothing of what it points at. */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSpecRepo, SAMPLE_SPECS, type SpecRepo } from "@imagebuild/test-support";
import { BIN } from "../fixtures/run-bin.ts";

// Set in the child's environment, so /proc/self/environ of the validating process holds it.
const MARKER = "ci-secret-3c9e1f0a";

const SPEC = `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    DockerfileFile: Dockerfile
environments:
  local:
    registry: 127.0.0.1:5000/pai
    build:
      WorkspaceId: local
`;

function imagebuild(args: string[], cwd: string) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd,
        env: { PATH: process.env.PATH, CI_DEPLOY_TOKEN: MARKER, IMAGEBUILD_TEST_ONLY: MARKER },
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, output: stdout + stderr });
      },
    );
  });
}

let repo: SpecRepo;
let outside: string;
beforeEach(() => {
  repo = createSpecRepo({ files: SAMPLE_SPECS });
  outside = mkdtempSync(path.join(tmpdir(), "imagebuild-outside-"));
});
afterEach(() => {
  repo.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

const targets: [string, () => string][] = [
  [
    "a file outside the repository",
    () => {
      const file = path.join(outside, "host-secrets.env");
      writeFileSync(file, `CI_DEPLOY_TOKEN=${MARKER}\nDB_PASSWORD=${MARKER}-db\n`);
      return file;
    },
  ],
];
if (existsSync("/proc/self/environ"))
  targets.push(["/proc/self/environ", () => "/proc/self/environ"]);

describe("imagebuild validate with a sidecar Dockerfile linking out of its folder", () => {
  it.each(targets)(
    "refuses a link to %s, naming the spec file and field",
    async (_name, target) => {
      repo.write("specs/leaky/1.0.0.yaml", SPEC);
      symlinkSync(target(), path.join(repo.dir, "specs/leaky/Dockerfile"));
      for (const args of [
        ["validate"],
        ["validate", "--json"],
        ["render", "specs/leaky/1.0.0.yaml", "--env", "local"],
      ]) {
        const { code, output } = await imagebuild(args, repo.dir);
        expect(code).toBe(1);
        // Text lines are file:line:col: …; --json carries "file" and "line" fields.
        expect(output).toMatch(/specs\/leaky\/1\.0\.0\.yaml(:6:|",\s+"line": 6,)/);
        expect(output).toContain(
          "BuildConfig.DockerfileFile: specs/leaky/Dockerfile does not resolve to a file inside specs/leaky",
        );
        expect(output).not.toContain(MARKER);
        expect(output).not.toContain("CI_DEPLOY_TOKEN");
        expect(output).not.toContain("unknown instruction");
        expect(output).not.toContain(outside);
      }
    },
  );
});
