/** runBuild against a real registry with busybox seeded: success, builder failures, tag protection, stop, concurrency. */
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildPhase, canPushTo, runBuild } from "../../src/system/index.ts";
import {
  processesMatching,
  type SystemHarness,
  startSystemHarness,
} from "../fixtures/system-harness.ts";

// On a cold machine the first test files debootstrap and import the base images meanwhile, and a
// build can wait minutes for the shared storage (one CI run: 120 s were not enough, warm runs take 2 s).
const BUILD_TIMEOUT_MS = 300_000;

describe("runBuild with FROM busybox", () => {
  let system: SystemHarness;
  beforeAll(async () => {
    system = await startSystemHarness({ images: ["busybox"] });
  }, 300_000);
  afterAll(() => system?.close());

  const build = (
    name: string,
    dockerfile: string,
    extra: { overwriteTag?: boolean; signal?: AbortSignal } = {},
  ) => {
    const phases: BuildPhase[] = [];
    const logs: string[] = [];
    const outcome = runBuild({
      dockerfile,
      imageUri: `${system.registry.host}/team/${name}:1.0`,
      overwriteTag: extra.overwriteTag ?? false,
      environment: system.environment,
      isolation: system.isolation,
      registry: system.registry,
      workDir: system.workDir(name),
      onPhase: (phase) => phases.push(phase),
      onLog: (line) => logs.push(line),
      signal: extra.signal,
    });
    return { outcome, phases, logs };
  };

  it(
    "builds, pushes the manifest to the registry and reports its size and digest",
    async () => {
      const { outcome, phases, logs } = build(
        "hello",
        "FROM busybox\nRUN echo hello-from-build > /hello\n",
      );
      const result = await outcome;
      expect(result).toMatchObject({
        status: "Succeeded",
        digest: expect.stringMatching(/^sha256:[a-f0-9]{64}$/),
      });
      expect(result.status === "Succeeded" && result.sizeBytes).toBeGreaterThan(100_000);
      expect(phases).toEqual(["EnvPreparing", "Running"]);
      expect(logs.some((line) => line.includes("RUN echo hello-from-build"))).toBe(true);
      expect(await system.registry.hasManifest("team/hello", "1.0")).toBe(true);
      const res = await fetch(`${system.registry.url}/v2/team/hello/manifests/1.0`, {
        headers: { Accept: "application/vnd.docker.distribution.manifest.v2+json" },
      });
      expect(res.headers.get("docker-content-digest")).toBe(
        result.status === "Succeeded" && result.digest,
      );
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "fails the seed's FROM ubuntu:18:04 with the builder's 'invalid reference format'",
    async () => {
      const result = await build("seed", "FROM ubuntu:18:04\nRUN pip3 install numpy==1.19.5\n")
        .outcome;
      expect(result).toMatchObject({
        status: "Failed",
        reasonCode: "InvalidDockerfile",
        reasonMessage: expect.stringContaining("invalid reference format"),
      });
      expect(await system.registry.hasManifest("team/seed", "1.0")).toBe(false);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "fails a RUN step that exits non-zero with BuildFailed and the step named",
    async () => {
      const result = await build("exit3", "FROM busybox\nRUN exit 3\n").outcome;
      expect(result).toMatchObject({
        status: "Failed",
        reasonCode: "BuildFailed",
        reasonMessage: expect.stringContaining("exit status 3"),
      });
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "refuses an existing tag without building unless OverwriteImageTag is true",
    async () => {
      const first = await build("kept", "FROM busybox\nRUN echo one > /v\n").outcome;
      expect(first.status).toBe("Succeeded");
      const again = build("kept", "FROM busybox\nRUN echo two > /v\n");
      expect(await again.outcome).toMatchObject({ status: "Failed", reasonCode: "ImageTagExists" });
      expect(again.phases).toEqual(["EnvPreparing"]);
      expect(again.logs).toEqual([]);
      const replaced = await build("kept", "FROM busybox\nRUN echo two > /v\n", {
        overwriteTag: true,
      }).outcome;
      expect(replaced.status).toBe("Succeeded");
      expect(
        replaced.status === "Succeeded" && first.status === "Succeeded" && replaced.digest,
      ).not.toBe(first.status === "Succeeded" && first.digest);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "stops a running build: Stopped, and no builder process is left",
    async () => {
      const seconds = 3_000 + Math.floor(Math.random() * 1_000);
      const marker = `sleep ${seconds}`;
      const controller = new AbortController();
      const { outcome } = build("stopped", `FROM busybox\nRUN ${marker}\n`, {
        signal: controller.signal,
      });
      const deadline = Date.now() + 60_000;
      while ((await processesMatching(marker)).length === 0 && Date.now() < deadline)
        await sleep(100);
      expect((await processesMatching(marker)).length).toBeGreaterThan(0);
      controller.abort();
      expect(await outcome).toEqual({
        status: "Stopped",
        reasonCode: "JobStoppedByUser",
        reasonMessage: expect.any(String),
      });
      expect(await processesMatching(marker)).toEqual([]);
      expect(await system.registry.hasManifest("team/stopped", "1.0")).toBe(false);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "a builder killed from outside leaves none of its RUN step running",
    async () => {
      const seconds = 4_000 + Math.floor(Math.random() * 1_000);
      const marker = `sleep ${seconds}`;
      const { outcome } = build("killed", `FROM busybox\nRUN ${marker}\n`);
      const deadline = Date.now() + 60_000;
      while ((await processesMatching(marker)).length === 0 && Date.now() < deadline)
        await sleep(100);
      const builders = await processesMatching(`bud`);
      const ours = [];
      for (const pid of builders) {
        const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
        if (cmdline.includes(system.workDir("killed"))) ours.push(pid);
      }
      expect(ours.length).toBeGreaterThan(0);
      // SIGKILL, as when its SIGTERM clean-up outlives the grace: buildah cannot stop the step itself.
      for (const pid of ours) process.kill(pid, "SIGKILL");
      expect((await outcome).status).toBe("Failed");
      expect(await processesMatching(marker)).toEqual([]);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "runs two builds at once on one storage root",
    async () => {
      const [a, b] = await Promise.all([
        build("twin-a", "FROM busybox\nRUN echo a > /who && sleep 1\n").outcome,
        build("twin-b", "FROM busybox\nRUN echo b > /who && sleep 1\n").outcome,
      ]);
      expect(a.status).toBe("Succeeded");
      expect(b.status).toBe("Succeeded");
      expect(await system.registry.hasManifest("team/twin-a", "1.0")).toBe(true);
      expect(await system.registry.hasManifest("team/twin-b", "1.0")).toBe(true);
    },
    BUILD_TIMEOUT_MS,
  );

  it("fails an unparsable Image.Uri without building", async () => {
    const result = await runBuild({
      dockerfile: "FROM busybox\n",
      imageUri: "Not A Reference",
      overwriteTag: true,
      environment: system.environment,
      isolation: system.isolation,
      registry: system.registry,
      workDir: system.workDir("bad-uri"),
    });
    expect(result).toMatchObject({ status: "Failed", reasonCode: "InvalidImageUri" });
  });

  it("can push to its own registry, not to one it has no credentials for", async () => {
    const { registry } = system;
    expect(await canPushTo({ imageUri: `${registry.host}/team/app:1.0`, registry })).toEqual({
      ok: true,
    });
    const port = registry.host.split(":")[1];
    expect(await canPushTo({ imageUri: `localhost:${port}/team/app:1.0`, registry })).toEqual({
      ok: true,
    });
    const elsewhere = await canPushTo({ imageUri: "registry.invalid/team/app:1.0", registry });
    expect(elsewhere).toMatchObject({
      ok: false,
      reason: expect.stringContaining("registry.invalid"),
    });
    const hub = await canPushTo({ imageUri: "team/app:1.0", registry });
    expect(hub).toMatchObject({ ok: false, reason: expect.stringContaining("docker.io") });
    const digest = await canPushTo({
      imageUri: `${registry.host}/team/app@sha256:${"a".repeat(64)}`,
      registry,
    });
    expect(digest).toMatchObject({ ok: false, reason: expect.stringContaining("digest") });
    const bad = await canPushTo({ imageUri: "UPPER/Case:1", registry });
    expect(bad).toMatchObject({
      ok: false,
      reason: expect.stringContaining("not a valid image reference"),
    });
  });
});
