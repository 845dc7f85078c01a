/** A sidecar Dockerfile is read only inside its spec's folder: symlinks out of it (a host file, /proc/self/environ) are refused without a trace of the target. */
import { withoutPinSuggestions } from "@imagebuild/test-support";
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  directorySource,
  gitSource,
  isInsideFolder,
  loadSpecs,
  memorySource,
  readFileInside,
  type SpecSource,
} from "../../src/index.ts";

const MARKER = "IMAGEBUILD_TEST_LEAK_MARKER_7f3a";
const OUTSIDE_TEXT = `${MARKER}=first line\nAWS_SECRET=${MARKER}-second\nFROM busybox:1.36\n`;
const SPEC = `apiVersion: imagebuild/v1
kind: ImageBuild
registry: 127.0.0.1:5000/pai
build:
  WorkspaceId: local
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise }
  BuildConfig:
    DockerfileFile: Dockerfile
`;
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
};

let work: string;
let repo: string;
let outsideFile: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), "imagebuild-sidecar-"));
  repo = path.join(work, "repo");
  outsideFile = path.join(work, "host-secret.txt");
  writeFileSync(outsideFile, OUTSIDE_TEXT);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** specs/<image>/1.0.0.yaml with its Dockerfile a symlink to `target`, plus an ordinary image `ok`. */
function writeRepo(links: Record<string, string>): void {
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  };
  write("specs/ok/1.0.0.yaml", SPEC);
  write("specs/ok/Dockerfile", "FROM busybox:1.36\n");
  for (const [image, target] of Object.entries(links)) {
    write(`specs/${image}/1.0.0.yaml`, SPEC);
    symlinkSync(target, path.join(repo, `specs/${image}/Dockerfile`));
  }
}

function commit(): SpecSource {
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { env: GIT_ENV });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "specs");
  return gitSource({ repoDir: repo, revision: "HEAD" });
}

/** Every `KEY=value` of this process's initial environment that is long enough to recognise. */
function environEntries(): string[] {
  return readFileSync("/proc/self/environ", "utf8")
    .split("\0")
    .filter((entry) => entry.length >= 8)
    .map((entry) => entry.slice(0, 40));
}

describe("sidecar Dockerfiles", () => {
  it("refuses a symlink to a file outside the repository, naming the spec file and field only", async () => {
    writeRepo({ escape: outsideFile });
    for (const source of [directorySource(repo), commit()]) {
      const { specs, problems } = await loadSpecs({ source });
      expect(specs.map((s) => s.file)).toEqual(["specs/ok/1.0.0.yaml"]);
      expect(withoutPinSuggestions(problems)).toEqual([
        {
          ruleId: "build-config",
          severity: "error",
          file: "specs/escape/1.0.0.yaml",
          line: 9,
          column: 21,
          message:
            "BuildConfig.DockerfileFile: specs/escape/Dockerfile does not resolve to a file inside specs/escape; a symlink out of the spec's folder is not followed, use a regular file in specs/escape",
        },
      ]);
      const printed = JSON.stringify(problems);
      expect(printed).not.toContain(MARKER);
      expect(printed).not.toContain(outsideFile);
    }
  });

  it.runIf(existsSync("/proc/self/environ"))(
    "refuses a symlink to /proc/self/environ and prints nothing of the environment",
    async () => {
      writeRepo({ environ: "/proc/self/environ" });
      for (const source of [directorySource(repo), commit()]) {
        const { problems } = await loadSpecs({ source });
        expect(withoutPinSuggestions(problems).map((p) => [p.file, p.ruleId])).toEqual([
          ["specs/environ/1.0.0.yaml", "build-config"],
        ]);
        const printed = JSON.stringify(problems);
        for (const entry of environEntries()) expect(printed).not.toContain(entry);
        expect(printed).not.toContain("/proc");
      }
    },
  );

  it("refuses links into another spec's folder, dangling links out and link loops", async () => {
    writeRepo({
      sibling: "../ok/Dockerfile",
      dangling: path.join(work, "absent"),
      loop: "Dockerfile",
    });
    for (const source of [directorySource(repo), commit()]) {
      const { problems } = await loadSpecs({ source });
      expect(
        withoutPinSuggestions(problems).map((p) => [
          p.file,
          p.message.split(" ").slice(1, 6).join(" "),
        ]),
      ).toEqual([
        ["specs/dangling/1.0.0.yaml", "specs/dangling/Dockerfile does not resolve to"],
        ["specs/loop/1.0.0.yaml", "specs/loop/Dockerfile does not resolve to"],
        ["specs/sibling/1.0.0.yaml", "specs/sibling/Dockerfile does not resolve to"],
      ]);
    }
  });

  it("follows a symlink that stays inside the spec's folder", async () => {
    writeRepo({ linked: "Dockerfile.real" });
    writeFileSync(path.join(repo, "specs/linked/Dockerfile.real"), "FROM busybox:1.36\nRUN true\n");
    for (const source of [directorySource(repo), commit()]) {
      const { specs, problems } = await loadSpecs({ source });
      expect(withoutPinSuggestions(problems)).toEqual([]);
      const linked = specs.find((s) => s.file === "specs/linked/1.0.0.yaml");
      expect(linked?.request.BuildConfig.Dockerfile).toBe("FROM busybox:1.36\nRUN true\n");
    }
  });

  it("says a missing sidecar does not exist, as before", async () => {
    const { problems } = await loadSpecs({ source: memorySource({ "specs/a/1.0.0.yaml": SPEC }) });
    expect(problems.map((p) => p.message)).toEqual([
      "BuildConfig.DockerfileFile: specs/a/Dockerfile does not exist",
    ]);
  });
});

describe("readFileInside", () => {
  it("refuses paths that leave the folder lexically, for sources without a filesystem too", async () => {
    const source = memorySource({
      "specs/b/Dockerfile": "FROM x:1\n",
      "specs/a/Dockerfile": "FROM y:1\n",
    });
    expect(await readFileInside(source, "specs/a/../b/Dockerfile", "specs/a")).toEqual({
      status: "outside",
    });
    expect(await readFileInside(source, "/etc/passwd", "specs/a")).toEqual({ status: "outside" });
    expect(await readFileInside(source, "specs/a/Dockerfile", "specs/a")).toEqual({
      status: "read",
      text: "FROM y:1\n",
    });
    expect(isInsideFolder("specs/a", "specs/a")).toBe(false);
    expect(isInsideFolder("specs/ab/Dockerfile", "specs/a")).toBe(false);
  });
});
