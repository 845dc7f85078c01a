/** kill -9 of the service process during a real build, then a restart on the same data directory. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildRequest,
  call,
  tempDataDir,
  waitForJob,
  waitForStatus,
} from "../fixtures/service-harness.ts";
import { isAlive, type ServeChild, spawnLocalServe } from "../fixtures/spawn-local-serve.ts";

const children: ServeChild[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const serve of children.splice(0)) {
    if (serve.child.exitCode === null && serve.child.signalCode === null) {
      serve.child.kill("SIGTERM");
      await serve.exited;
    }
  }
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("crash recovery", () => {
  it("marks the interrupted build Failed with ServiceRestarted after kill -9, and loses nothing else", async () => {
    const { dataDir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const extra = ["--base-images", "busybox", "--concurrency", "1"];
    const first = await spawnLocalServe({ dataDir, extra });
    children.push(first);
    const registryHost = (url: string) => {
      const config = readFileSync(join(dataDir, "registry", "config.yml"), "utf8");
      return /addr:\s*"?([0-9.]+:\d+)/.exec(config)?.[1] ?? url;
    };
    const host = registryHost(first.url);
    const done = await call(`${first.url}/api/v1/imagebuilds?ClientToken=kept`, {
      method: "POST",
      body: buildRequest({ name: "kept", uri: `${host}/team/kept:1.0` }),
    });
    expect(done.status).toBe(200);
    await waitForJob(first.url, String(done.body.ImageBuildJobId));
    const slow = await call(`${first.url}/api/v1/imagebuilds?ClientToken=slow`, {
      method: "POST",
      body: buildRequest({
        name: "slow",
        uri: `${host}/team/slow:1.0`,
        dockerfile: "FROM busybox\nRUN sleep 15\n",
      }),
    });
    const slowJob = String(slow.body.ImageBuildJobId);
    await waitForStatus(first.url, slowJob, "Running");

    first.child.kill("SIGKILL");
    await first.exited;
    expect(isAlive(first.child.pid ?? 0)).toBe(false);

    const second = await spawnLocalServe({ dataDir, extra });
    children.push(second);
    const job = await call(`${second.url}/api/v1/jobs/${slowJob}`);
    expect(job.body).toMatchObject({ Status: "Failed", ReasonCode: "ServiceRestarted" });
    expect(String(job.body.ReasonMessage)).toMatch(/while the job was Running/);
    expect((job.body.StatusHistory as { Status: string }[]).map((h) => h.Status)).toEqual([
      "Creating",
      "Queuing",
      "EnvPreparing",
      "Running",
      "Failed",
    ]);

    const kept = await call(`${second.url}/api/v1/jobs/${String(done.body.ImageBuildJobId)}`);
    expect(kept.body.Status).toBe("Succeeded");
    const images = await call(`${second.url}/api/v1/images?WorkspaceId=12345`);
    expect((images.body.Images as { Name: string; SourceId: string }[]).map((i) => i.Name)).toEqual(
      ["kept"],
    );
    const replay = await call(`${second.url}/api/v1/imagebuilds?ClientToken=kept`, {
      method: "POST",
      body: buildRequest({ name: "kept", uri: `${host}/team/kept:1.0` }),
    });
    expect(replay.body.ImageBuildId).toBe(done.body.ImageBuildId);
  }, 300_000);
});
