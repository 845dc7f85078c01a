/**
 * A real build (local service, buildah, registry) of a PackageInstallation spec: apt `name=version` entries
 * reach apt-get as arguments, and a version apt-get does not have fails the build.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RealLocalPai, startRealLocalPai } from "../fixtures/real-local-pai.ts";
import { runCli } from "../fixtures/run-cli.ts";

const BUILD_TIMEOUT_MS = 300_000;
const OFFLINE = "specs/apt-offline/1.0.0.yaml";
const PINNED = "specs/apt-pinned/1.0.0.yaml";
const MISSING = "specs/apt-missing/1.0.0.yaml";
// Prints `name=version` of two packages debootstrap installed: versions with `-`, `.` and `+`.
const VERSIONS_MARKER = "installed:";

// Bookworm without package sources: apt-get update then reads nothing from the network, and apt-get
// install can only choose among the installed versions.
const OFFLINE_SPEC = `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    Dockerfile: |
      FROM debian:bookworm
      RUN rm -rf /etc/apt/sources.list /etc/apt/sources.list.d/* && dpkg-query -W -f='${VERSIONS_MARKER}\${Package}=\${Version}\\n' libc6 base-files
`;

function packagesSpec(apt: string[]): string {
  const entries = apt.map((entry) => `        - "${entry}"`).join("\n");
  return `apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Packages:\n      Base: ${stack.pai.registry.host}/pai/apt-offline:1.0.0\n      Apt:\n${entries}\n`;
}

let stack: RealLocalPai;

beforeAll(async () => {
  stack = await startRealLocalPai({
    seedImages: ["debian:bookworm"],
    files: { [OFFLINE]: OFFLINE_SPEC },
  });
}, BUILD_TIMEOUT_MS);
afterAll(() => stack?.close());

async function build(files: string[]) {
  const run = await runCli(
    ["build", ...files, "--env", "local", "--wait", "--poll", "0.5", "--json"],
    {
      cwd: stack.repo.dir,
      env: stack.env,
    },
  );
  const results = JSON.parse(run.stdout).results as {
    file: string;
    jobId: string;
    finalStatus: string;
  }[];
  return { ...run, byFile: Object.fromEntries(results.map((r) => [r.file, r])) };
}

async function logsOf(jobId: string): Promise<string[]> {
  const answer = await fetch(`${stack.pai.url}/api/v1/jobs/${jobId}/logs`);
  return ((await answer.json()) as { Logs: string[] }).Logs;
}

describe("imagebuild build: Packages.Apt entries on the seeded bookworm, real builds", () => {
  it(
    "installs name=version entries as written, and fails on a version apt-get does not have",
    async () => {
      const offline = await build([OFFLINE]);
      expect(offline.byFile[OFFLINE]?.finalStatus, offline.stderr).toBe("Succeeded");
      const installed = (await logsOf(offline.byFile[OFFLINE]?.jobId as string))
        .filter((line) => line.startsWith(VERSIONS_MARKER))
        .map((line) => line.slice(VERSIONS_MARKER.length))
        .sort();
      expect(installed).toEqual([
        expect.stringMatching(/^base-files=\d[\w.+~]*$/),
        expect.stringMatching(/^libc6=\d[\w.+~-]*-[\w.+~]+$/),
      ]);

      stack.repo.write(PINNED, packagesSpec(installed));
      stack.repo.write(MISSING, packagesSpec(["libc6=0.0.1-1"]));
      const render = await runCli(["render", PINNED, "--env", "local", "--json"], {
        cwd: stack.repo.dir,
      });
      const dockerfile = JSON.parse(render.stdout).request.BuildConfig.Dockerfile as string;
      const run = JSON.parse(dockerfile.split("\n")[1]?.replace(/^RUN /, "") ?? "[]") as string[];
      expect(run.slice(3)).toEqual(["sh", ...installed]);

      const packages = await build([PINNED, MISSING]);
      expect(packages.byFile[PINNED]?.finalStatus, packages.stderr).toBe("Succeeded");
      expect(packages.byFile[MISSING]?.finalStatus).toBe("Failed");
      expect(packages.code).toBe(1);
      const missingLog = (await logsOf(packages.byFile[MISSING]?.jobId as string)).join("\n");
      expect(missingLog).toContain("Version '0.0.1-1' for 'libc6' was not found");
      const pinnedLog = (await logsOf(packages.byFile[PINNED]?.jobId as string)).join("\n");
      expect(pinnedLog).toContain("libc6 is already the newest version");
    },
    BUILD_TIMEOUT_MS * 2,
  );
});
