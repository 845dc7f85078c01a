/** The build storage's recorded driver (no buildah needed). */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordedStorageDriver } from "../../src/system/storage-driver.ts";

describe("the build storage's driver on disk", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "imagebuild-driver-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads the driver storage.conf records, and nothing when there is no storage.conf", async () => {
    const conf = join(dir, "storage.conf");
    expect(await recordedStorageDriver(conf)).toBeUndefined();
    await writeFile(conf, '[storage]\ndriver = "vfs"\ngraphroot = "/x"\n');
    expect(await recordedStorageDriver(conf)).toBe("vfs");
    await writeFile(conf, '[storage]\n  driver = "overlay"\n');
    expect(await recordedStorageDriver(conf)).toBe("overlay");
  });

  it("names the file, the field and the fix when the recorded driver is not one it writes", async () => {
    const conf = join(dir, "storage.conf");
    await writeFile(conf, '[storage]\ndriver = "btrfs"\n');
    await expect(recordedStorageDriver(conf)).rejects.toThrow(
      `${conf}: driver: expected "overlay" or "vfs", got "btrfs"; delete the file`,
    );
    await writeFile(conf, "[storage]\n");
    await expect(recordedStorageDriver(conf)).rejects.toThrow("got null");
  });
});
