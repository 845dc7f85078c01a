/** The CLI speaking the real local-pai service (signed requests, SQLite, queue) with a scripted builder. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Builder, type RunningService, startService } from "@imagebuild/local-pai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";
import { createSpecRepo, SAMPLE_SPECS, type SpecRepo } from "@imagebuild/test-support";

const KEY = { accessKeyId: "LTAIlocaltest", accessKeySecret: "local-service-secret-0123" };

// The real service (HTTP API, SQLite state, queue, ClientTokens) with buildah replaced by a builder
// that fails Dockerfiles running `exit 1`: these tests are about the CLI speaking the service's API.
const builder: Builder = async ({ dockerfile, onPhase }) => {
  onPhase("Running");
  return dockerfile.includes("RUN exit 1")
    ? { status: "Failed", reasonCode: "BuildFailed", reasonMessage: "step RUN exit 1 failed" }
    : { status: "Succeeded", sizeBytes: 1024, digest: `sha256:${"0".repeat(64)}` };
};

let service: RunningService;
let dataDir: string;
let repo: SpecRepo;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "imagebuild-cli-local-"));
  service = await startService({
    dataDir,
    builder,
    canPush: async () => ({ ok: true }),
    port: 0,
    accessKeys: [KEY],
  });
  repo = createSpecRepo({ files: SAMPLE_SPECS });
  env = {
    IMAGEBUILD_ENDPOINT: service.url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.accessKeySecret,
  };
});
afterAll(async () => {
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
  repo.cleanup();
});

describe("the CLI against the local service", () => {
  it("builds with signed requests, waits, and the images show up in the workspace", async () => {
    const build = await runCli(
      [
        "build",
        "specs/busybox-hello/1.0.0.yaml",
        "specs/busybox-fail/1.0.0.yaml",
        "--env",
        "local",
        "--wait",
        "--poll",
        "0.05",
        "--json",
      ],
      { cwd: repo.dir, env },
    );
    expect(build.code).toBe(1);
    const results = JSON.parse(build.stdout).results;
    expect(results.map((r: { finalStatus: string }) => r.finalStatus).sort()).toEqual([
      "Failed",
      "Succeeded",
    ]);
    expect(build.stdout + build.stderr).not.toContain(KEY.accessKeySecret);

    const images = await runCli(["images", "--workspace", "local", "--json"], {
      cwd: repo.dir,
      env,
    });
    expect(images.code).toBe(0);
    const listed = JSON.parse(images.stdout).images;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      Name: "busybox-hello",
      ImageUri: "127.0.0.1:5000/pai/busybox-hello:1.0.0",
      SourceType: "Build",
    });

    const hello = results.find((r: { file: string }) => r.file.includes("hello"));
    const status = await runCli(["status", hello.jobId], { cwd: repo.dir, env });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^${hello.jobId}  Succeeded\\n`));
  });

  it("a wrong secret is refused by the service and the error names no secret", async () => {
    const wrong = { ...env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "not-the-right-secret-99" };
    const { code, stderr } = await runCli(["images", "--workspace", "local"], { env: wrong });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^imagebuild images: SignatureDoesNotMatch: /);
    expect(stderr).not.toContain("not-the-right-secret-99");
  });
});
