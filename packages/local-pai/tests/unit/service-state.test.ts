/** service.json: who serves a data directory; a stale record (dead pid) is ignored, another process's is never removed. */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createLocalPai,
  isProcessAlive,
  readServiceState,
  SERVICE_STATE_FILE,
  type ServiceState,
} from "../../src/index.ts";
import { removeServiceState, writeServiceState } from "../../src/service-state.ts";

const stateFor = (pid: number): ServiceState => ({
  pid,
  endpoint: "http://127.0.0.1:7070",
  registryHost: "127.0.0.1:5000",
  registryUrl: "http://127.0.0.1:5000",
  consoleUrl: "http://127.0.0.1:7070/",
  signed: true,
  registryLogin: true,
  keys: "data-dir",
  startedAt: new Date().toISOString(),
});

/** A pid that was just used and is gone now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", "0"]);
  await new Promise((done) => child.once("exit", done));
  return child.pid ?? 0;
}

describe("service state", () => {
  let dataDir = "";
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "imagebuild-service-state-"));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it("reads back what a live process wrote, leaving no temporary file", async () => {
    const state = stateFor(process.pid);
    writeServiceState({ dataDir, state });
    // A record written before seeding ended reads as not ready.
    expect(readServiceState({ dataDir })).toEqual({ ...state, baseImagesReady: false });
    writeServiceState({ dataDir, state: { ...state, baseImagesReady: true } });
    expect(readServiceState({ dataDir })?.baseImagesReady).toBe(true);
    expect(await readdir(dataDir)).toEqual([SERVICE_STATE_FILE]);
  });

  it("ignores a record whose process is gone, a malformed one and a missing one", async () => {
    expect(readServiceState({ dataDir })).toBeUndefined();
    writeServiceState({ dataDir, state: stateFor(await deadPid()) });
    expect(readServiceState({ dataDir })).toBeUndefined();
    await writeFile(join(dataDir, SERVICE_STATE_FILE), '{"pid": "not a number"');
    expect(readServiceState({ dataDir })).toBeUndefined();
  });

  it("counts a killed process its parent has not reaped yet (a zombie) as gone", async () => {
    // `sleep 0` exits at once, and its parent, now `sleep 5`, never reaps it.
    const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 5"]);
    try {
      const zombie = await new Promise<number>((done) =>
        parent.stdout.once("data", (chunk) => done(Number(String(chunk)))),
      );
      await sleep(200);
      expect(isProcessAlive(parent.pid ?? 0)).toBe(true);
      expect(isProcessAlive(zombie)).toBe(false);
      writeServiceState({ dataDir, state: stateFor(zombie) });
      expect(readServiceState({ dataDir })).toBeUndefined();
    } finally {
      parent.kill();
    }
  });

  it("removes only its own record", async () => {
    writeServiceState({ dataDir, state: stateFor(process.ppid) });
    removeServiceState({ dataDir });
    expect(JSON.parse(await readFile(join(dataDir, SERVICE_STATE_FILE), "utf8")).pid).toBe(
      process.ppid,
    );
    removeServiceState({ dataDir, pid: process.ppid });
    expect(await readdir(dataDir)).toEqual([]);
  });

  it("createLocalPai refuses a data directory another live process serves, naming its endpoint and pid", async () => {
    writeServiceState({ dataDir, state: stateFor(process.ppid) });
    await expect(
      createLocalPai({ dataDir, port: 0, registryPort: 0, installSystemPackages: false }),
    ).rejects.toMatchObject({
      code: "LOCAL_PAI_IN_USE",
      pid: process.ppid,
      message: `${dataDir} is served by the local service at http://127.0.0.1:7070 (pid ${process.ppid}): use it, stop it, or choose another data directory`,
    });
    // Refused before anything was started or written.
    expect(await readdir(dataDir)).toEqual([SERVICE_STATE_FILE]);
  });
});
