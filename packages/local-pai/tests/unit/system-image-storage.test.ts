/** Each image's build storage: its id range, kept between builds, taken from the least recently built image when none is free. */
import { mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SILENT_LOGGER } from "@imagebuild/pai-client/logger";
import {
  ID_RANGE_SIZE,
  imageStorageFlags,
  openImageStorage,
} from "../../src/system/image-storage.ts";
import { imageKey } from "../../src/system/image-storage-layout.ts";
import { acquireKeyedLock } from "../../src/system/keyed-lock.ts";
import { PROBE_ID_RANGE } from "../../src/system/storage-driver.ts";
import type { BuildEnvironment } from "../../src/system/types.ts";

const HOST = "127.0.0.1:5000";
const image = (name: string) => ({ host: HOST, repository: `team/${name}` });
/** Three blocks of ids for uids, three for gids elsewhere. */
const RANGES = {
  uid: { start: 100_000, count: 3 * ID_RANGE_SIZE },
  gid: { start: 900_000, count: 3 * ID_RANGE_SIZE + 5 },
};

describe("acquireKeyedLock", () => {
  it("makes a second holder of a key wait until the first releases, and no other key", async () => {
    const order: string[] = [];
    const first = await acquireKeyedLock("k1");
    const second = acquireKeyedLock("k1").then((release) => {
      order.push("second");
      release();
    });
    const other = acquireKeyedLock("k2").then((release) => {
      order.push("other");
      release();
    });
    await other;
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(["other"]);
    first();
    first();
    await second;
    expect(order).toEqual(["other", "second"]);
  });
});

describe("openImageStorage", () => {
  let dir: string;
  let environment: BuildEnvironment;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "imagebuild-image-storage-"));
    environment = {
      registriesConf: "",
      signaturePolicy: "",
      imageStorages: join(dir, "images"),
      storageDriver: "vfs",
      env: {},
    };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const open = (name: string, ranges = RANGES) =>
    openImageStorage({ environment, target: image(name), log: SILENT_LOGGER, ranges });

  it("gives each image its own storage and id range, the same one on every build", async () => {
    const a = await open("a");
    a.release();
    const b = await open("b");
    b.release();
    expect(a.storage).toMatchObject({ hostUid: 100_000, hostGid: 900_000 });
    expect(b.storage).toMatchObject({
      hostUid: 100_000 + ID_RANGE_SIZE,
      hostGid: 900_000 + ID_RANGE_SIZE,
    });
    expect(a.storage.storageRoot).toBe(join(dir, "images", imageKey(image("a")), "storage"));
    const again = await open("a");
    again.release();
    expect(again.storage).toEqual(a.storage);
    expect(imageStorageFlags(environment, b.storage)).toEqual([
      "--root",
      b.storage.storageRoot,
      "--runroot",
      b.storage.runRoot,
      "--storage-driver",
      "vfs",
      "--userns-uid-map",
      `0:${100_000 + ID_RANGE_SIZE}:${ID_RANGE_SIZE}`,
      "--userns-gid-map",
      `0:${900_000 + ID_RANGE_SIZE}:${ID_RANGE_SIZE}`,
    ]);
  });

  it("lets a second build of an image wait for the first, and builds of another image run", async () => {
    const first = await open("a");
    let secondOpened = false;
    let waited = 0;
    const second = openImageStorage({
      environment,
      target: image("a"),
      log: SILENT_LOGGER,
      ranges: RANGES,
      onWait: () => waited++,
    }).then((opened) => {
      secondOpened = true;
      return opened;
    });
    const other = await open("b");
    other.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(secondOpened).toBe(false);
    expect(waited).toBe(1);
    first.release();
    (await second).release();
    expect(secondOpened).toBe(true);
  });

  it("when every range is taken, removes the storage of the image built least recently and not building", async () => {
    for (const name of ["a", "b", "c"]) (await open(name)).release();
    const stamp = (name: string, seconds: number) =>
      utimes(join(dir, "images", imageKey(image(name)), "id-range.json"), seconds, seconds);
    await stamp("a", 2_000);
    await stamp("b", 1_000);
    await stamp("c", 3_000);
    const building = await open("b");
    const d = await open("d");
    d.release();
    // b is older but building: a goes, and d gets its range.
    expect(d.storage.hostUid).toBe(100_000);
    expect((await readdir(join(dir, "images"))).sort()).toEqual(
      ["b", "c", "d"].map((name) => imageKey(image(name))).sort(),
    );
    const held = [building, await open("c"), await open("d")];
    await expect(open("e")).rejects.toThrow(
      /every id range for build storages is in use \(3, by images building now\)/,
    );
    for (const opened of held) opened.release();
  });

  it("never hands out the storage-driver probe's ids, and says so when no block is left", async () => {
    const aroundProbe = {
      uid: { start: PROBE_ID_RANGE.start - ID_RANGE_SIZE, count: 3 * ID_RANGE_SIZE },
      gid: { start: 10_000, count: 3 * ID_RANGE_SIZE },
    };
    const a = await open("a", aroundProbe);
    a.release();
    const b = await open("b", aroundProbe);
    b.release();
    expect([a.storage.hostUid, b.storage.hostUid]).toEqual([
      PROBE_ID_RANGE.start - ID_RANGE_SIZE,
      PROBE_ID_RANGE.start + ID_RANGE_SIZE,
    ]);
    await expect(
      open("c", { uid: { start: 1, count: ID_RANGE_SIZE - 1 }, gid: RANGES.gid }),
    ).rejects.toThrow('the "containers" subordinate ranges hold no 65536 ids for a build storage');
  });
});
