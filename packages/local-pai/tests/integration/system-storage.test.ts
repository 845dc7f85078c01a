/** The build storage with real buildah: overlay on this machine, the vfs fallback, an old vfs data directory, nothing left mounted. */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LogFields, Logger } from "@imagebuild/pai-client/logger";
import {
  type BuildEnvironment,
  type BuildIsolation,
  prepareBuildIsolation,
  type RegistryHandle,
  runBuild,
  seedBaseImages,
  startRegistry,
  waitForBuildCleanup,
} from "../../src/system/index.ts";
import { findCommand } from "../../src/system/find-command.ts";
import { mountsUnder, releaseBuildStorage } from "../../src/system/release-build-storage.ts";
import { runProcess } from "../../src/system/run-process.ts";
import {
  type SystemHarness,
  startSystemHarness,
  TEST_CACHE_DIR,
} from "../fixtures/system-harness.ts";

const BUILD_TIMEOUT_MS = 300_000;

/** A logger keeping `level message {fields}` lines. */
const recordingLogger = () => {
  const lines: string[] = [];
  const line = (level: string) => (message: string, fields?: LogFields) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const log: Logger = {
    info: line("info"),
    warn: line("warn"),
    error: line("error"),
    child: () => log,
  };
  return { lines, log };
};

const buildIn = async ({
  registry,
  environment,
  isolation,
  dataDir,
  name,
  dockerfile,
}: {
  registry: RegistryHandle;
  environment: BuildEnvironment;
  isolation: BuildIsolation;
  dataDir: string;
  name: string;
  dockerfile: string;
}) => {
  const logs: string[] = [];
  const outcome = await runBuild({
    dockerfile,
    imageUri: `${registry.host}/storage/${name}:1.0`,
    overwriteTag: true,
    environment,
    isolation,
    registry,
    workDir: join(dataDir, "jobs", name),
    onLog: (line) => logs.push(line),
  });
  return { outcome, text: logs.slice(-10).join("\n") };
};

/** What buildah itself reads from the environment's storage.conf, without any storage flag. */
const driverFromStorageConf = async (environment: BuildEnvironment) => {
  const { exitCode, tail } = await runProcess({
    command: "buildah",
    args: ["info", "--format", "{{.store.GraphDriverName}}"],
    env: { ...process.env, ...environment.env },
  });
  expect(exitCode).toBe(0);
  return tail.join("").trim();
};

describe("the build storage on this machine", () => {
  let system: SystemHarness;
  beforeAll(async () => {
    system = await startSystemHarness({ images: ["busybox"] });
  }, 300_000);
  afterAll(() => system?.close());
  const build = (name: string, dockerfile: string) => buildIn({ ...system, name, dockerfile });

  it(
    "is overlay, and neither a success nor a failed step leaves a mount in it",
    async () => {
      expect(system.environment.storageDriver).toBe("overlay");
      expect(await driverFromStorageConf(system.environment)).toBe("overlay");
      const ok = await build("ok", "FROM busybox\nRUN echo on-overlay > /where\n");
      expect(ok.outcome.status, ok.text).toBe("Succeeded");
      const failed = await build("failed", "FROM busybox\nRUN exit 3\n");
      expect(failed.outcome).toMatchObject({ status: "Failed", reasonCode: "BuildFailed" });
      await waitForBuildCleanup();
      // The pulled base stays, as a layer of the overlay driver; no vfs copy was made.
      expect((await readdir(system.environment.storageRoot)).sort()).toEqual(
        expect.arrayContaining(["overlay", "overlay-layers"]),
      );
      expect(await readdir(system.environment.storageRoot)).not.toContain("vfs");
      expect(await mountsUnder(system.dataDir)).toEqual([]);
    },
    BUILD_TIMEOUT_MS,
  );

  it("unmounts at release a mount buildah does not know about", async () => {
    const leftover = join(system.environment.storageRoot, "overlay", "leftover-mount");
    await mkdir(leftover, { recursive: true });
    const mounted = await runProcess({ command: "mount", args: ["-t", "tmpfs", "none", leftover] });
    expect(mounted.exitCode, mounted.tail.join("\n")).toBe(0);
    expect(await mountsUnder(system.dataDir)).toEqual([leftover]);
    const { lines, log } = recordingLogger();
    await releaseBuildStorage({ dataDir: system.dataDir, log });
    expect(await mountsUnder(system.dataDir)).toEqual([]);
    expect(lines).toEqual([
      `warn unmounting a mount a builder left in the build storage ${JSON.stringify({ mountPoint: leftover })}`,
    ]);
    await rm(leftover, { recursive: true });
  });
});

describe("a machine where buildah's overlay driver does not initialise, later one where it does", () => {
  let dataDir: string;
  let bin: string;
  let registry: RegistryHandle | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "imagebuild-storage-"));
    bin = await mkdtemp(join(tmpdir(), "imagebuild-fake-buildah-"));
    const buildah = findCommand({ name: "buildah" });
    if (buildah === undefined) throw new Error("buildah is not installed");
    // buildah as it answers where the kernel cannot mount overlay, everything else the real one.
    await writeFile(
      join(bin, "buildah"),
      [
        "#!/bin/sh",
        'case " $* " in',
        '  *" --storage-driver overlay info "*)',
        "    echo 'Error: kernel does not support overlay fs: (faked by the test)' >&2",
        "    exit 125 ;;",
        "esac",
        `exec ${buildah} "$@"`,
        "",
      ].join("\n"),
    );
    await chmod(join(bin, "buildah"), 0o755);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await waitForBuildCleanup();
    await registry?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(bin, { recursive: true, force: true });
  });

  /** One service start on the data directory: the registry, seeded busybox, the isolation. */
  const start = async () => {
    await registry?.stop();
    const { lines, log } = recordingLogger();
    registry = await startRegistry({ dataDir, log });
    const environment = await seedBaseImages({
      registry,
      dataDir,
      images: ["busybox"],
      cacheDir: TEST_CACHE_DIR,
      log,
    });
    const isolation = await prepareBuildIsolation({ dataDir });
    const build = (name: string) =>
      buildIn({
        registry: registry as RegistryHandle,
        environment,
        isolation,
        dataDir,
        name,
        dockerfile: `FROM busybox\nRUN echo ${name} > /which\n`,
      });
    return { environment, lines, build };
  };

  it(
    "falls back to vfs, says why in one line, and builds",
    async () => {
      vi.stubEnv("PATH", `${bin}:${process.env.PATH ?? ""}`);
      const { environment, lines, build } = await start();
      expect(environment.storageDriver).toBe("vfs");
      expect(await driverFromStorageConf(environment)).toBe("vfs");
      const warnings = lines.filter((line) => line.startsWith("warn "));
      expect(warnings).toEqual([
        expect.stringMatching(
          /falls back to vfs.*kernel does not support overlay fs: \(faked by the test\)/,
        ),
      ]);
      const { outcome, text } = await build("on-vfs");
      expect(outcome.status, text).toBe("Succeeded");
      await waitForBuildCleanup();
      expect(await readdir(environment.storageRoot)).toEqual(
        expect.arrayContaining(["vfs", "vfs-images", "vfs-layers"]),
      );
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "on the next start moves that vfs storage to overlay: the vfs folders go, builds run on overlay",
    async () => {
      vi.unstubAllEnvs();
      const { environment, lines, build } = await start();
      expect(environment.storageDriver).toBe("overlay");
      expect(await readFile(join(dataDir, "containers", "storage.conf"), "utf8")).toContain(
        'driver = "overlay"',
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/^info removed the build storage of the other driver .*vfs-layers/),
      );
      expect(lines.filter((line) => line.startsWith("warn "))).toEqual([]);
      const names = await readdir(environment.storageRoot);
      expect(names.filter((name) => name.startsWith("vfs"))).toEqual([]);
      const { outcome, text } = await build("on-overlay");
      expect(outcome.status, text).toBe("Succeeded");
      await waitForBuildCleanup();
      expect(await mountsUnder(dataDir)).toEqual([]);
    },
    BUILD_TIMEOUT_MS,
  );
});
