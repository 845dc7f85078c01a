/** imagebuild builds and build ids in status, through the real bin against the real local service. */
import path from "node:path";
import { createSpecRepo, SAMPLE_SPECS, type SpecRepo } from "@imagebuild/test-support";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalService, startLocalService } from "../fixtures/local-service.ts";
import { runBin } from "../fixtures/run-bin.ts";

let local: LocalService;
let repo: SpecRepo;
let hello: { jobId: string };
let fail: { jobId: string };

beforeAll(async () => {
  local = await startLocalService();
  repo = createSpecRepo({ files: SAMPLE_SPECS });
  const build = await runBin(
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
    { cwd: repo.dir, env: local.env },
  );
  const results = JSON.parse(build.stdout).results as { file: string; jobId: string }[];
  hello = results.find((r) => r.file.includes("hello")) as { jobId: string };
  fail = results.find((r) => r.file.includes("fail")) as { jobId: string };
});
afterAll(async () => {
  await local.close();
  repo.cleanup();
});

describe("builds", () => {
  it("lists failed and succeeded builds, newest first, with the image a success added", async () => {
    const { code, stdout } = await runBin(["builds", "--json"], { env: local.env });
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body.ok).toBe(true);
    const byJob = new Map(body.builds.map((b: { jobId: string }) => [b.jobId, b]));
    expect(byJob.get(hello.jobId)).toMatchObject({
      buildId: hello.jobId.replace(/^dlc-/, "build-"),
      image: "busybox-hello",
      imageUri: "127.0.0.1:5000/pai/busybox-hello:1.0.0",
      status: "Succeeded",
    });
    expect(byJob.get(fail.jobId)).toMatchObject({
      image: "busybox-fail",
      status: "Failed",
      reason: expect.stringContaining("exit status 1"),
    });
  });

  it("filters by status, image and spec; prints a table", async () => {
    const failed = JSON.parse(
      (await runBin(["builds", "--status", "failed,stopped", "--json"], { env: local.env })).stdout,
    );
    expect(failed.builds.map((b: { jobId: string }) => b.jobId)).toEqual([fail.jobId]);
    const image = JSON.parse(
      (await runBin(["builds", "--image", "busybox-hello", "--json"], { env: local.env })).stdout,
    );
    expect(image.builds.map((b: { jobId: string }) => b.jobId)).toEqual([hello.jobId]);
    const spec = JSON.parse(
      (
        await runBin(["builds", "--spec", "specs/busybox-hello/2.0.0.yaml", "--json"], {
          env: local.env,
        })
      ).stdout,
    );
    expect(spec.builds).toEqual([]);
    const table = await runBin(["builds", "--spec", "specs/busybox-hello/1.0.0.yaml"], {
      env: local.env,
    });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^JOB +BUILD +IMAGE +STATUS +CREATED +DURATION +REASON\n/);
    expect(table.stdout).toContain(`${hello.jobId}  build-`);
    expect(table.stdout).toMatch(/\n1 build\n$/);
  });

  it("asks for 30 days by default, past ListJobs' own 7-day window; --since narrows it", async () => {
    const db = new Database(path.join(local.dataDir, "local-pai.sqlite"));
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString();
    db.prepare("UPDATE jobs SET gmt_create_time = ? WHERE job_id = ?").run(tenDaysAgo, fail.jobId);
    db.close();
    const all = JSON.parse((await runBin(["builds", "--json"], { env: local.env })).stdout);
    expect(all.builds.map((b: { jobId: string }) => b.jobId)).toContain(fail.jobId);
    const week = JSON.parse(
      (await runBin(["builds", "--since", "7d", "--json"], { env: local.env })).stdout,
    );
    expect(week.builds.map((b: { jobId: string }) => b.jobId)).not.toContain(fail.jobId);
  });

  it("exits 2 naming the flag for a bad status or duration", async () => {
    const status = await runBin(["builds", "--status", "broken"], { env: local.env });
    expect(status.code).toBe(2);
    expect(status.stderr).toContain("--status: must be DLC statuses");
    const since = await runBin(["builds", "--since", "yesterday", "--json"], { env: local.env });
    expect(since.code).toBe(2);
    expect(JSON.parse(since.stdout).error.message).toMatch(/^--since: must be a duration/);
  });
});

describe("status with a build id", () => {
  it("resolves build-… to its job", async () => {
    const buildId = hello.jobId.replace(/^dlc-/, "build-");
    const { code, stdout } = await runBin(["status", buildId], { env: local.env });
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${hello.jobId}  Succeeded\\n`));
  });

  it("exits 1 naming the build when no job pairs with it", async () => {
    const { code, stderr } = await runBin(["status", "build-doesnotexist0"], { env: local.env });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^imagebuild status: BuildNotFound: build-doesnotexist0: no job found/);
  });
});
