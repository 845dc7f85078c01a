/** Real builds (local service, buildah, registry): a base spec and its dependent in one `imagebuild build`. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLocalPai, type LocalPai } from "@imagebuild/local-pai";
import { createSpecRepo, type SpecRepo } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";

const BUILD_TIMEOUT_MS = 300_000;
// The local service seeds busybox under the installed busybox-static's version (e.g. 1.35).
const BUSYBOX_TAG =
  /v(\d+\.\d+)/.exec(execFileSync("busybox", { encoding: "utf8" }).split("\n")[0] ?? "")?.[1] ??
  "latest";
const A = "specs/order-base/1.0.0.yaml";
const B = "specs/order-app/1.0.0.yaml";
const BAD = "specs/order-bad/1.0.0.yaml";
const BLOCKED = "specs/order-blocked/1.0.0.yaml";

function spec(dockerfile: string): string {
  const body = dockerfile
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
  return `apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Dockerfile: |\n${body}\n`;
}

const dataDir = mkdtempSync(path.join(tmpdir(), "imagebuild-cli-order-"));
let pai: LocalPai;
let repo: SpecRepo;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  // Two builds at once: without the ordering, the dependent would start beside its base and fail.
  pai = await createLocalPai({
    dataDir,
    port: 0,
    registryPort: 0,
    seedImages: ["busybox"],
    concurrency: 2,
  });
  repo = createSpecRepo({
    registry: `${pai.registry.host}/pai`,
    files: {
      [A]: spec(`FROM busybox:${BUSYBOX_TAG}\nRUN echo from-base > /base-marker`),
      // Fails unless it is built on the base's image: only that one has /base-marker.
      [B]: spec("FROM imagebuild:order-base:1.0.0\nRUN cp /base-marker /app-saw-base"),
      [BAD]: spec(`FROM busybox:${BUSYBOX_TAG}\nRUN exit 1`),
      [BLOCKED]: spec("FROM imagebuild:order-bad:1.0.0\nRUN true"),
    },
  });
  env = { IMAGEBUILD_ENDPOINT: pai.url };
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await pai?.close();
  repo?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

async function job(jobId: string): Promise<Record<string, string>> {
  return (await (await fetch(`${pai.url}/api/v1/jobs/${jobId}`)).json()) as Record<string, string>;
}

describe("imagebuild build: a base and its dependent, real builds", () => {
  it(
    "builds the base first and the dependent after it succeeded, on the base's exact image",
    async () => {
      const { code, stdout, stderr } = await runCli(
        ["build", B, A, "--env", "local", "--wait", "--poll", "0.2", "--json"],
        { cwd: repo.dir, env },
      );
      expect(stderr).not.toContain("Failed");
      expect(code).toBe(0);
      const results = JSON.parse(stdout).results as { file: string; jobId: string }[];
      const byFile = Object.fromEntries(results.map((r) => [r.file, r]));
      expect(byFile[A]).toMatchObject({ status: "submitted", finalStatus: "Succeeded" });
      expect(byFile[B]).toMatchObject({ status: "submitted", finalStatus: "Succeeded" });
      const base = await job(byFile[A]?.jobId as string);
      const app = await job(byFile[B]?.jobId as string);
      expect(Date.parse(app.GmtCreateTime as string)).toBeGreaterThanOrEqual(
        Date.parse(base.GmtFinishTime as string),
      );
      const images = (await (await fetch(`${pai.url}/api/v1/images?WorkspaceId=local`)).json()) as {
        Images: { Name: string; ImageUri: string }[];
      };
      const baseUri = images.Images.find((i) => i.Name === "order-base")?.ImageUri;
      expect(baseUri).toBe(`${pai.registry.host}/pai/order-base:1.0.0`);
      const render = await runCli(["render", B, "--env", "local", "--json"], { cwd: repo.dir });
      expect(JSON.parse(render.stdout).request.BuildConfig.Dockerfile).toBe(
        `FROM ${baseUri}\nRUN cp /base-marker /app-saw-base\n`,
      );
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "a failed base leaves its dependent blocked and not built",
    async () => {
      const { code, stdout } = await runCli(
        ["build", BLOCKED, BAD, "--env", "local", "--wait", "--poll", "0.2", "--json"],
        { cwd: repo.dir, env },
      );
      expect(code).toBe(1);
      const results = JSON.parse(stdout).results as Record<string, unknown>[];
      expect(results).toEqual([
        expect.objectContaining({ file: BAD, status: "submitted", finalStatus: "Failed" }),
        {
          file: BLOCKED,
          status: "blocked",
          reason: expect.stringMatching(
            new RegExp(`^not built: ${BAD} did not succeed \\(Failed: `),
          ),
        },
      ]);
      // The service has the three jobs of the two runs (base, app, bad), none for the blocked spec.
      const jobs = (await (await fetch(`${pai.url}/api/v1/jobs?PageSize=100`)).json()) as {
        TotalCount: number;
      };
      expect(jobs.TotalCount).toBe(3);
    },
    BUILD_TIMEOUT_MS,
  );

  it("a cycle is an error naming both files, and nothing is built", async () => {
    repo.write(A, spec("FROM imagebuild:order-app:1.0.0"));
    try {
      const { code, stderr } = await runCli(["build", A, B, "--env", "local"], {
        cwd: repo.dir,
        env,
      });
      expect(code).toBe(1);
      expect(stderr).toContain(`dependency cycle: ${B} → ${A} → ${B}`);
      expect(stderr).toContain(`${A}:6:7: dependency-cycle`);
      expect(stderr).toContain(`${B}:6:7: dependency-cycle`);
    } finally {
      repo.write(A, spec(`FROM busybox:${BUSYBOX_TAG}\nRUN echo from-base > /base-marker`));
    }
  });
});
