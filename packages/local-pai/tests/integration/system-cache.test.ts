/** The layer cache with real builds: reuse from the image's own storage and through its cache repository, no reuse across images, base digests. */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SILENT_LOGGER } from "@imagebuild/pai-client/logger";
import { runBuild, waitForBuildCleanup } from "../../src/system/index.ts";
import { cacheRepository } from "../../src/system/cache-repository.ts";
import { imageKey, imageStoragePaths } from "../../src/system/image-storage-layout.ts";
import { releaseStorage } from "../../src/system/release-build-storage.ts";
import { runProcess } from "../../src/system/run-process.ts";
import { driverFlags } from "../../src/system/storage-driver.ts";
import { MANIFEST_ACCEPT } from "@imagebuild/pai-client/registry";
import { type SystemHarness, startSystemHarness } from "../fixtures/system-harness.ts";

const BUILD_TIMEOUT_MS = 240_000;
const RANDOM_LAYER = "RUN head -c 32 /dev/urandom | od -An -tx1 > /random\n";

describe("runBuild with the layer cache", () => {
  let system: SystemHarness;
  beforeAll(async () => {
    system = await startSystemHarness({ images: ["busybox"] });
  }, 300_000);
  afterAll(() => system?.close());

  const build = async (
    repository: string,
    tag: string,
    dockerfile: string,
    onLog: (line: string) => void = () => {},
  ) => {
    const logs: string[] = [];
    const outcome = await runBuild({
      dockerfile,
      imageUri: `${system.registry.host}/${repository}:${tag}`,
      overwriteTag: true,
      environment: system.environment,
      isolation: system.isolation,
      registry: system.registry,
      workDir: system.workDir(`${repository.replaceAll("/", "-")}-${tag}`),
      onLog: (line) => {
        logs.push(line);
        onLog(line);
      },
    });
    expect(outcome, logs.slice(-5).join("\n")).toMatchObject({ status: "Succeeded" });
    return { outcome, logs };
  };
  const manifest = async (repository: string, reference: string) => {
    const res = await fetch(`${system.registry.url}/v2/${repository}/manifests/${reference}`, {
      headers: { Accept: MANIFEST_ACCEPT },
    });
    expect(res.status).toBe(200);
    return {
      digest: res.headers.get("docker-content-digest"),
      layers: ((await res.json()) as { layers: { digest: string }[] }).layers.map((l) => l.digest),
    };
  };
  /** The image ids in an image's build storage. */
  const storageImages = async (repository: string) => {
    const storage = imageStoragePaths(
      system.environment.imageStorages,
      imageKey({ host: system.registry.host, repository }),
    );
    const { exitCode, tail } = await runProcess({
      command: "buildah",
      args: [
        ...driverFlags({ ...storage, driver: system.environment.storageDriver }),
        "images",
        "--all",
        "--quiet",
      ],
    });
    expect(exitCode).toBe(0);
    return tail.filter((line) => line.trim() !== "");
  };
  const cacheTags = async (repository: string) => {
    const cache = cacheRepository({
      registry: system.registry,
      target: { host: system.registry.host, repository },
    }).slice(system.registry.host.length + 1);
    const res = await fetch(`${system.registry.url}/v2/${cache}/tags/list`);
    return res.ok ? (((await res.json()) as { tags: string[] | null }).tags ?? []) : [];
  };

  it(
    "a second build with only its last instruction changed reuses every earlier layer from the image's own storage",
    async () => {
      const steps = `FROM busybox\n${RANDOM_LAYER}RUN seq 1 5000 > /numbers\n`;
      const first = await build("team/cached", "1.0", `${steps}CMD ["sh"]\n`);
      expect(first.logs.some((line) => line.includes("Using cache"))).toBe(false);
      expect(first.logs).toContainEqual(expect.stringMatching(/^--> Pushing cache /));
      expect((await cacheTags("team/cached")).length).toBeGreaterThanOrEqual(2);

      const second = await build("team/cached", "1.1", `${steps}CMD ["ls"]\n`);
      // The step images stayed in the image's storage: nothing is pulled from the registry.
      expect(second.logs.filter((line) => line.startsWith("--> Cache pulled"))).toEqual([]);
      expect(second.logs.filter((line) => line.startsWith("--> Using cache"))).toHaveLength(2);
      const [one, two] = [
        await manifest("team/cached", "1.0"),
        await manifest("team/cached", "1.1"),
      ];
      expect(two.layers).toEqual(one.layers);
      expect(two.digest).not.toBe(one.digest);

      // Four more builds with other last instructions: the storage keeps the last build's images only.
      const count = async () => (await storageImages("team/cached")).length;
      await waitForBuildCleanup();
      const after = await count();
      for (const cmd of ["pwd", "id", "env", "date"]) {
        await build("team/cached", "1.2", `${steps}CMD ["${cmd}"]\n`);
      }
      await waitForBuildCleanup();
      expect(await count()).toBe(after);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "with the image's storage gone, a build takes every earlier layer from the image's cache repository",
    async () => {
      const steps = `FROM busybox\n${RANDOM_LAYER}`;
      const first = await build("team/from-registry", "1.0", `${steps}CMD ["sh"]\n`);
      await waitForBuildCleanup();
      const { dir } = imageStoragePaths(
        system.environment.imageStorages,
        imageKey({ host: system.registry.host, repository: "team/from-registry" }),
      );
      await releaseStorage({
        storageRoot: join(dir, "storage"),
        runRoot: join(dir, "run"),
        driver: system.environment.storageDriver,
        log: SILENT_LOGGER,
      });
      await rm(dir, { recursive: true });
      const second = await build("team/from-registry", "1.1", `${steps}CMD ["ls"]\n`);
      expect(
        second.logs.filter((line) => line.startsWith("--> Cache pulled from remote")),
      ).toHaveLength(1);
      expect(second.logs.filter((line) => line.startsWith("--> Using cache"))).toHaveLength(1);
      const [one, two] = [
        await manifest("team/from-registry", "1.0"),
        await manifest("team/from-registry", "1.1"),
      ];
      expect(first.outcome.status).toBe("Succeeded");
      expect(two.layers).toEqual(one.layers);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "two builds of one image at once run one after the other: the second says it waits, then reuses the first's steps",
    async () => {
      const dockerfile = `FROM busybox\n${RANDOM_LAYER}RUN sleep 1\n`;
      const builds = await Promise.all([
        build("team/twice", "1.0", dockerfile),
        build("team/twice", "1.1", dockerfile),
      ]);
      const waiting = `waiting for the build of ${system.registry.host}/team/twice that is running`;
      const [second, ...others] = builds.filter(({ logs }) => logs.includes(waiting));
      expect(others).toEqual([]);
      expect(second?.logs.filter((line) => line.startsWith("--> Using cache"))).toHaveLength(2);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "two images with the same instructions, the second started while the first's step images exist, never share a layer",
    async () => {
      const dockerfile = `FROM busybox\n${RANDOM_LAYER}RUN sleep 2\nCMD ["cat", "/random"]\n`;
      let firstStepDone: () => void = () => {};
      const stepped = new Promise<void>((resolve) => {
        firstStepDone = resolve;
      });
      const a = build("team/poison-a", "1.0", dockerfile, (line) => {
        if (line.startsWith("--> Pushing cache")) firstStepDone();
      });
      await stepped;
      const b = await build("team/poison-b", "1.0", dockerfile);
      for (const { logs } of [await a, b]) {
        expect(logs.some((line) => line.includes("Using cache"))).toBe(false);
      }
      const again = await build("team/poison-b", "1.1", dockerfile);
      expect(again.logs.some((line) => line.startsWith("--> Using cache"))).toBe(true);
      const [layersA, layersB, layersAgain] = await Promise.all([
        manifest("team/poison-a", "1.0"),
        manifest("team/poison-b", "1.0"),
        manifest("team/poison-b", "1.1"),
      ]);
      // Layer 0 is busybox, layer 1 the random bytes.
      expect(layersA.layers[0]).toBe(layersB.layers[0]);
      expect(layersA.layers[1]).not.toBe(layersB.layers[1]);
      expect(layersAgain.layers).toEqual(layersB.layers);
      expect(await cacheTags("team/poison-a")).not.toEqual(await cacheTags("team/poison-b"));
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "a failed build leaves none of its step images for another image's next build",
    async () => {
      const dockerfile = `FROM busybox\n${RANDOM_LAYER}RUN exit 3\n`;
      const logs: string[] = [];
      const failed = await runBuild({
        dockerfile,
        imageUri: `${system.registry.host}/team/broken:1.0`,
        overwriteTag: true,
        environment: system.environment,
        isolation: system.isolation,
        registry: system.registry,
        workDir: system.workDir("broken"),
        onLog: (line) => logs.push(line),
      });
      expect(failed.status).toBe("Failed");
      // Another image with the same first steps: nothing of the failed build is there to reuse.
      const next = await build("team/not-broken", "1.0", `FROM busybox\n${RANDOM_LAYER}`);
      expect(next.logs.some((line) => line.includes("Using cache"))).toBe(false);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "reports each external base as imagebuild.base.<n> with the registry's Docker-Content-Digest",
    async () => {
      const { outcome } = await build(
        "team/labelled",
        "1.0",
        "FROM busybox AS tools\nRUN echo x > /x\nFROM scratch\nCOPY --from=tools /x /x\n",
      );
      const head = await fetch(`${system.registry.url}/v2/library/busybox/manifests/latest`, {
        method: "HEAD",
        headers: { Accept: MANIFEST_ACCEPT },
      });
      const digest = head.headers.get("docker-content-digest");
      expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(outcome.status === "Succeeded" && outcome.labels).toEqual([
        { Key: "imagebuild.base.0", Value: `docker.io/library/busybox:latest@${digest}` },
      ]);
    },
    BUILD_TIMEOUT_MS,
  );
});
