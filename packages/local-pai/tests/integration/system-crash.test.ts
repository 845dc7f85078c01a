/** A service killed with SIGKILL mid-build leaves its builder running; the next start on that data directory stops it. */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startRegistry } from "../../src/system/index.ts";
import { mountsUnder } from "../../src/system/release-build-storage.ts";
import { runProcess } from "../../src/system/run-process.ts";
import { driverFlags, recordedStorageDriver } from "../../src/system/storage-driver.ts";
import { listImageStorages } from "../../src/system/image-storage-layout.ts";
import { processesMatching, TEST_CACHE_DIR } from "../fixtures/system-harness.ts";

const CHILD = fileURLToPath(new URL("../fixtures/system-crash-child.ts", import.meta.url));

describe("after kill -9 of the service during a build", () => {
  it("the next startRegistry on the data directory stops the orphaned builder and its container", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "imagebuild-crash-"));
    // Only the number goes into the child's argv, so the child itself never matches "sleep N".
    const seconds = String(5_000 + Math.floor(Math.random() * 1_000));
    const marker = `sleep ${seconds}`;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", CHILD, dataDir, TEST_CACHE_DIR, seconds],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    try {
      const deadline = Date.now() + 120_000;
      while ((await processesMatching(marker)).length === 0 && Date.now() < deadline)
        await sleep(100);
      expect((await processesMatching(marker)).length).toBeGreaterThan(0);
      child.kill("SIGKILL");
      await new Promise((done) => child.once("exit", done));
      await sleep(500);
      // The builder runs in its own process group, so the service's death alone does not stop it.
      expect((await processesMatching(marker)).length).toBeGreaterThan(0);

      const registry = await startRegistry({ dataDir });
      await registry.stop();
      expect(await processesMatching(marker)).toEqual([]);
      const containers = join(dataDir, "containers");
      const driver = await recordedStorageDriver(join(containers, "storage.conf"));
      expect(driver).toBeDefined();
      const storages = await listImageStorages(join(containers, "images"));
      expect(storages).toHaveLength(1);
      for (const storage of storages) {
        const { tail } = await runProcess({
          command: "buildah",
          args: [...driverFlags({ ...storage, driver: driver ?? "vfs" }), "containers", "-q"],
        });
        expect(tail.filter((line) => line.trim() !== "")).toEqual([]);
      }
      // The killed builder's overlay mounts are gone too, so the data directory can be deleted.
      expect(await mountsUnder(dataDir)).toEqual([]);
    } finally {
      child.kill("SIGKILL");
      for (const pid of await processesMatching(marker)) process.kill(pid, "SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
