/** imagebuild build after a failure: the next run rebuilds as a new attempt, once; --rebuild; replays are named. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type Builder, type RunningService, startService } from "@imagebuild/local-pai";
import {
  backdateJobs,
  createSpecRepo,
  type PaiServer,
  SAMPLE_SPECS,
  type SpecRepo,
  startPaiServer,
} from "@imagebuild/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";

const FLAKY = "specs/flaky/1.0.0.yaml";
const TOOL = "specs/tool/1.0.0.yaml";
const spec = (run: string, policy: string) => `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.36
      RUN ${run}
policy:
  tag: ${policy}
environments:
  local:
    registry: 127.0.0.1:5000/pai
    build:
      WorkspaceId: local
`;
const FILES = {
  "specs/_defaults.yaml": SAMPLE_SPECS["specs/_defaults.yaml"] as string,
  [FLAKY]: spec("./sometimes-fails", "immutable"),
  [TOOL]: spec("echo tool", "overwrite"),
};
const HOURS_3_MS = 3 * 3_600_000;
const MINUTES_10_MS = 10 * 60_000;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function repoWithSpecs(): SpecRepo {
  const repo = createSpecRepo({ files: FILES });
  cleanups.push(() => repo.cleanup());
  return repo;
}

async function stub(
  statusesBeforeEnd = ["Running"],
): Promise<{ pai: PaiServer; repo: SpecRepo; env: NodeJS.ProcessEnv }> {
  const pai = await startPaiServer({
    idPrefix: "stub",
    failingImageNames: ["flaky"],
    statusesBeforeEnd,
  });
  cleanups.push(() => pai.close());
  return { pai, repo: repoWithSpecs(), env: { IMAGEBUILD_ENDPOINT: pai.url } };
}

describe("build after a failure (scripted PAI)", () => {
  it("rebuilds a failed build as attempt 2 and says so; then the image is skipped", async () => {
    const { pai, repo, env } = await stub();
    const run = (...flags: string[]) =>
      runCli(["build", FLAKY, "--env", "local", "--poll", "0.05", ...flags], {
        cwd: repo.dir,
        env,
      });
    expect((await run("--wait")).code).toBe(1);
    backdateJobs(pai.jobs, MINUTES_10_MS);
    pai.failingImageNames.delete("flaky");

    const rebuilt = await run("--wait");
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain(
      `${FLAKY}: dlc-stub2  Submitted (job dlc-stub1 Failed 10 min ago: rebuilding as attempt 2)\n`,
    );
    expect(rebuilt.stdout).toContain(`${FLAKY}: dlc-stub2  Succeeded\n`);
    expect(rebuilt.stdout).toMatch(
      /flaky\/1\.0\.0\.yaml +Succeeded +dlc-stub2 +job dlc-stub1 Failed 10 min ago: rebuilding as attempt 2\n/,
    );
    const again = await run("--json");
    expect(JSON.parse(again.stdout).results[0]).toMatchObject({ status: "skipped" });
    expect(pai.stats.builds).toBe(2);
  });

  it("names a replay: already built, already building", async () => {
    // Each GetJob moves a scripted job one status on: keep it running past two reads.
    const { pai, repo, env } = await stub(["Running", "Running"]);
    const run = (...flags: string[]) =>
      runCli(["build", TOOL, "--env", "local", "--poll", "0.05", ...flags], {
        cwd: repo.dir,
        env,
      });
    expect((await run()).code).toBe(0);
    backdateJobs(pai.jobs, MINUTES_10_MS);
    const building = await run();
    expect(building.stdout).toMatch(
      /tool\/1\.0\.0\.yaml +submitted +dlc-stub1 +already building: job dlc-stub1 Running \(attempt 1\)\n/,
    );
    await run("--wait");
    backdateJobs(pai.jobs, HOURS_3_MS);
    const built = await run("--wait");
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(`${TOOL}: already built: job dlc-stub1 Succeeded 3 h ago\n`);
    const json = JSON.parse((await run("--json")).stdout).results[0];
    expect(json).toMatchObject({
      jobId: "dlc-stub1",
      attempt: 1,
      replay: { jobId: "dlc-stub1", status: "Succeeded" },
    });
    expect(pai.stats.builds).toBe(1);
  });

  it("--rebuild makes exactly one new build per run, also ten runs at once", async () => {
    const { pai, repo, env } = await stub();
    const run = (...flags: string[]) =>
      runCli(["build", TOOL, "--env", "local", "--json", ...flags], { cwd: repo.dir, env });
    await run("--wait", "--poll", "0.05");
    backdateJobs(pai.jobs, MINUTES_10_MS);

    const runs = await Promise.all(Array.from({ length: 10 }, () => run("--rebuild")));
    expect(pai.stats.builds).toBe(2);
    const results = runs.map((r) => JSON.parse(r.stdout).results[0]);
    expect(new Set(results.map((r) => r.jobId))).toEqual(new Set(["dlc-stub2"]));
    expect(results[0]).toMatchObject({ attempt: 2, rebuildOf: { jobId: "dlc-stub1" } });
  });

  it("documents --rebuild in --help", async () => {
    const { stdout } = await runCli(["build", "--help"]);
    expect(stdout).toContain("--rebuild");
    expect(stdout).toContain("rebuilding as attempt 2");
  });
});

describe("build after a failure (the local service)", () => {
  it("a flaky step fails once: the next run rebuilds once, ten redeliveries at once build nothing more", async () => {
    // The real service (HTTP, SQLite, ClientTokens for 24 h) with a builder whose first build of
    // each image fails, as a flaky network step would: same content, different outcome.
    const built = new Map<string, number>();
    const builder: Builder = async ({ imageUri, onPhase }) => {
      onPhase("Running");
      const count = (built.get(imageUri) ?? 0) + 1;
      built.set(imageUri, count);
      return count === 1
        ? { status: "Failed", reasonCode: "BuildFailed", reasonMessage: "flaky step failed" }
        : { status: "Succeeded", sizeBytes: 1024, digest: `sha256:${"0".repeat(64)}` };
    };
    const dataDir = mkdtempSync(path.join(tmpdir(), "imagebuild-cli-attempts-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const service: RunningService = await startService({
      dataDir,
      builder,
      canPush: async () => ({ ok: true }),
      port: 0,
    });
    cleanups.push(() => service.close());
    const repo = repoWithSpecs();
    const env = { IMAGEBUILD_ENDPOINT: service.url };
    const run = (...flags: string[]) =>
      runCli(["build", FLAKY, "--env", "local", "--poll", "0.05", "--json", ...flags], {
        cwd: repo.dir,
        env,
      });

    const first = JSON.parse((await run("--wait")).stdout).results[0];
    expect(first).toMatchObject({ attempt: 1, finalStatus: "Failed" });
    // The next push comes later than the clock-skew allowance (REPLAY_CLOCK_SKEW_MS, 1 s).
    await sleep(1_100);
    const second = await run("--wait");
    expect(second.code).toBe(0);
    const rebuilt = JSON.parse(second.stdout).results[0];
    expect(rebuilt).toMatchObject({
      attempt: 2,
      finalStatus: "Succeeded",
      rebuildOf: { jobId: first.jobId, status: "Failed", reason: "flaky step failed" },
    });
    expect(rebuilt.jobId).not.toBe(first.jobId);

    // Redeliveries of that push: the image now exists, and even without that check (an overwrite
    // policy, the function) the tokens answer attempt 2's job, which succeeded.
    const redelivered = await Promise.all(Array.from({ length: 10 }, () => run()));
    for (const r of redelivered) expect(JSON.parse(r.stdout).results[0].status).toBe("skipped");
    expect([...built.values()]).toEqual([2]);
  });
});
