/** The build storage with real buildah: the driver this machine gets and why, owners in pushed layers, the other driver's old storage, nothing left mounted. */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LogFields, Logger } from "@imagebuild/pai-client/logger";
import { MANIFEST_ACCEPT } from "@imagebuild/pai-client/registry";
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
import { driverFlags } from "../../src/system/storage-driver.ts";
import { imageKey, imageStoragePaths } from "../../src/system/image-storage-layout.ts";
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

/** `path uid:gid` of every entry in a gzipped layer tar (ustar headers: octal uid at 108, gid at 116). */
const layerOwners = (gzipped: Buffer) => {
  const tar = gunzipSync(gzipped);
  const owners: string[] = [];
  const field = (block: Buffer, start: number, length: number) =>
    block
      .subarray(start, start + length)
      .toString("latin1")
      .replace(/\0.*$/s, "")
      .trim();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    const name = field(header, 0, 100);
    if (name === "") break;
    const size = Number.parseInt(field(header, 124, 12) || "0", 8);
    const type = field(header, 156, 1);
    // PAX and GNU long-name records describe the next entry; only real entries count.
    if (!["x", "g", "L", "K"].includes(type)) {
      const id = (start: number) => Number.parseInt(field(header, start, 8), 8);
      owners.push(`${name} ${id(108)}:${id(116)}`);
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return owners;
};

/** The owners in every layer of `repository:tag` in the harness's registry. */
const imageOwners = async (system: SystemHarness, repository: string, tag: string) => {
  const base = `${system.registry.url}/v2/${repository}`;
  const res = await fetch(`${base}/manifests/${tag}`, { headers: { Accept: MANIFEST_ACCEPT } });
  expect(res.status).toBe(200);
  const { layers } = (await res.json()) as { layers: { digest: string }[] };
  const owners: string[] = [];
  for (const { digest } of layers) {
    const blob = await fetch(`${base}/blobs/${digest}`);
    owners.push(...layerOwners(Buffer.from(await blob.arrayBuffer())));
  }
  return owners;
};

describe("the build storage on this machine", () => {
  let system: SystemHarness;
  beforeAll(async () => {
    system = await startSystemHarness({ images: ["busybox"] });
  }, 300_000);
  afterAll(() => system?.close());
  const build = (name: string, dockerfile: string) => buildIn({ ...system, name, dockerfile });
  const storageOf = (name: string) =>
    imageStoragePaths(
      system.environment.imageStorages,
      imageKey({ host: system.registry.host, repository: `storage/${name}` }),
    );

  it(
    "is overlay here, one storage per image without id-mapped lower layers, and neither a success nor a failed step leaves a mount",
    async () => {
      expect(system.environment.storageDriver).toBe("overlay");
      expect(await driverFromStorageConf(system.environment)).toBe("overlay");
      const ok = await build("ok", "FROM busybox\nRUN echo stored > /where\n");
      expect(ok.outcome.status, ok.text).toBe("Succeeded");
      const failed = await build("failed", "FROM busybox\nRUN exit 3\n");
      expect(failed.outcome).toMatchObject({ status: "Failed", reasonCode: "BuildFailed" });
      await waitForBuildCleanup();
      const features = await readdir(join(storageOf("ok").runRoot, "overlay"));
      expect(features).toContain("idmapped-lower-dir-false");
      expect(features).not.toContain("idmapped-lower-dir-true");
      expect((await readdir(system.environment.imageStorages)).sort()).toEqual(
        [storageOf("ok").dir, storageOf("failed").dir].map((dir) => dir.split("/").at(-1)).sort(),
      );
      const names = await readdir(storageOf("ok").storageRoot);
      // The pulled base stays, in the overlay driver's folders; the probe's storage is gone.
      expect(names).toEqual(
        expect.arrayContaining(["overlay", "overlay-images", "overlay-layers"]),
      );
      expect(names.filter((name) => name.startsWith("vfs"))).toEqual([]);
      expect(await readdir(join(system.dataDir, "containers"))).not.toContain("storage-probe");
      expect(await mountsUnder(system.dataDir)).toEqual([]);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "commits what RUN steps write with the image's own owners, and a second RUN step runs",
    async () => {
      // With id-mapped lower layers these were host ids (2147483647:…), and the second RUN failed:
      // its /run belonged to an id outside its own user namespace.
      const { outcome, text } = await build(
        "owners",
        "FROM busybox\nRUN echo a > /a && mkdir /d && chown 5:6 /d\nRUN echo b > /d/b\n",
      );
      expect(outcome.status, text).toBe("Succeeded");
      const owners = await imageOwners(system, "storage/owners", "1.0");
      expect(owners).toEqual(expect.arrayContaining(["a 0:0", "d/ 5:6", "d/b 0:0"]));
      expect(owners.filter((entry) => !/ \d{1,5}:\d{1,5}$/.test(entry))).toEqual([]);
    },
    BUILD_TIMEOUT_MS,
  );

  it("unmounts at release a mount buildah does not know about", async () => {
    // An earlier build's background rmi mounts the driver's folder while it runs.
    await waitForBuildCleanup();
    const leftover = join(storageOf("ok").storageRoot, "overlay", "leftover-mount");
    await mkdir(leftover, { recursive: true });
    const mounted = await runProcess({ command: "mount", args: ["-t", "tmpfs", "none", leftover] });
    expect(mounted.exitCode, mounted.tail.join("\n")).toBe(0);
    expect(await mountsUnder(system.dataDir)).toEqual([leftover]);
    const { lines, log } = recordingLogger();
    await releaseBuildStorage({ dataDir: system.dataDir, log });
    expect(await mountsUnder(system.dataDir)).toEqual([]);
    expect(lines).toContain(
      `warn unmounting a mount a builder left in the build storage ${JSON.stringify({ mountPoint: leftover })}`,
    );
    expect(lines.filter((line) => line.includes("could not unmount"))).toEqual([]);
    await rm(leftover, { recursive: true });
  });
});

describe("an earlier start's overlay storages, then starts where overlay does not initialise, keeps no owners, and works", () => {
  let dataDir: string;
  let bin: string;
  let otherOwner: string;
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
    // buildah whose overlay storage commits what the probe's root wrote as owned by another id.
    otherOwner = await mkdtemp(join(tmpdir(), "imagebuild-other-owner-buildah-"));
    await writeFile(
      join(otherOwner, "buildah"),
      [
        "#!/bin/sh",
        'case " $* " in',
        '  *" /busybox touch /w/written "*)',
        `    ${buildah} "$@" || exit $?`,
        // The same run again, chown-ing what it touched (no argument holds a space).
        `    exec ${buildah} $(echo "$@" | sed 's| /busybox touch | /busybox chown 12345 |') ;;`,
        "esac",
        `exec ${buildah} "$@"`,
        "",
      ].join("\n"),
    );
    await chmod(join(otherOwner, "buildah"), 0o755);
    // What an earlier start that chose overlay leaves: its storage.conf, an image's storage with a
    // working container, and the one storage all images shared in earlier versions.
    const containers = join(dataDir, "containers");
    await mkdir(containers, { recursive: true });
    await writeFile(join(containers, "storage.conf"), '[storage]\ndriver = "overlay"\n');
    for (const storage of [
      imageStoragePaths(join(containers, "images"), "earlier-0123456789abcdef"),
      { storageRoot: join(containers, "storage"), runRoot: join(containers, "run") },
    ]) {
      const made = await runProcess({
        command: buildah,
        args: [...driverFlags({ ...storage, driver: "overlay" }), "from", "scratch"],
      });
      expect(made.exitCode, made.tail.join("\n")).toBe(0);
    }
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await waitForBuildCleanup();
    await registry?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(bin, { recursive: true, force: true });
    await rm(otherOwner, { recursive: true, force: true });
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
    /** Builds, waits for the clean-up, and checks that nothing stays mounted in the data directory. */
    const buildLeavingNoMount = async (name: string) => {
      const { outcome, text } = await build(name);
      expect(outcome.status, text).toBe("Succeeded");
      built.set(
        name,
        imageKey({ host: (registry as RegistryHandle).host, repository: `storage/${name}` }),
      );
      await waitForBuildCleanup();
      expect(await mountsUnder(dataDir)).toEqual([]);
    };
    return { environment, lines, buildLeavingNoMount };
  };
  const warnings = (lines: string[]) => lines.filter((line) => line.startsWith("warn "));
  /** The storage key of each image built so far, by name (the registry's port may change between starts). */
  const built = new Map<string, string>();
  const storageKey = (name: string) => built.get(name) ?? "";

  it(
    "where overlay does not initialise: vfs, one line saying why, the overlay storages removed, and builds",
    async () => {
      vi.stubEnv("PATH", `${bin}:${process.env.PATH ?? ""}`);
      const { environment, lines, buildLeavingNoMount } = await start();
      expect(environment.storageDriver).toBe("vfs");
      expect(await driverFromStorageConf(environment)).toBe("vfs");
      expect(warnings(lines)).toEqual([
        expect.stringMatching(
          /build storage uses vfs.*kernel does not support overlay fs: \(faked by the test\)/,
        ),
      ]);
      const containers = join(dataDir, "containers");
      expect(lines).toContainEqual(
        `info removed build storages ${JSON.stringify({
          storageDriver: "vfs",
          removed: [
            join(containers, "images", "earlier-0123456789abcdef"),
            join(containers, "storage"),
            join(containers, "run"),
          ],
        })}`,
      );
      expect(await readdir(containers)).not.toContain("storage");
      await buildLeavingNoMount("first");
      expect(await readdir(environment.imageStorages)).toEqual([storageKey("first")]);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "where overlay commits another owner: vfs with the owner it committed, the vfs storages kept, and builds",
    async () => {
      vi.stubEnv("PATH", `${otherOwner}:${process.env.PATH ?? ""}`);
      const { environment, lines, buildLeavingNoMount } = await start();
      expect(environment.storageDriver).toBe("vfs");
      expect(warnings(lines)).toEqual([
        expect.stringMatching(
          /build storage uses vfs.*commits a file root wrote in a user namespace as owned by 12345, not 0/,
        ),
      ]);
      expect(lines.filter((line) => line.includes("removed build storages"))).toEqual([]);
      // The base the first start pulled is still in the first image's storage.
      const images = await runProcess({
        command: "buildah",
        args: [
          ...driverFlags({
            ...imageStoragePaths(environment.imageStorages, storageKey("first")),
            driver: "vfs",
          }),
          "images",
          "--format",
          "{{.Name}}",
        ],
      });
      expect(images.tail).toContain("docker.io/library/busybox");
      await buildLeavingNoMount("second");
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "with this machine's buildah: overlay, the vfs storages removed, and builds with nothing left mounted",
    async () => {
      vi.unstubAllEnvs();
      const { environment, lines, buildLeavingNoMount } = await start();
      expect(environment.storageDriver).toBe("overlay");
      expect(await readFile(join(dataDir, "containers", "storage.conf"), "utf8")).toContain(
        'driver = "overlay"',
      );
      expect(warnings(lines)).toEqual([]);
      expect(lines).toContainEqual(
        `info removed build storages ${JSON.stringify({
          storageDriver: "overlay",
          removed: ["first", "second"].map((name) =>
            join(environment.imageStorages, storageKey(name)),
          ),
        })}`,
      );
      await buildLeavingNoMount("third");
      expect(await readdir(environment.imageStorages)).toEqual([storageKey("third")]);
    },
    BUILD_TIMEOUT_MS,
  );
});
