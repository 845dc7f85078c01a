/** startRegistry: a real docker-registry child on a free port, open or behind htpasswd. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isProcessAlive } from "../../src/service-state.ts";
import { startRegistry } from "../../src/system/index.ts";

const OWNER_CHILD = fileURLToPath(new URL("../fixtures/registry-owner-child.ts", import.meta.url));

/** Another process (a stand-in service) that starts the data directory's registry; resolves with its host. */
async function registryOwner(dataDir: string): Promise<{ child: ChildProcess; host: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", OWNER_CHILD, dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const host = await new Promise<string>((done, fail) => {
    child.stdout?.once("data", (chunk: Buffer) => done(String(chunk).trim()));
    child.once("exit", (code) => fail(new Error(`the registry owner exited with ${code}`)));
  });
  return { child, host };
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("startRegistry", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "imagebuild-registry-"));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it("answers /v2/ on a free loopback port and stops on request", async () => {
    const registry = await startRegistry({ dataDir, port: 0 });
    expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect((await fetch(`${registry.url}/v2/`)).status).toBe(200);
    expect(await registry.hasManifest("team/app", "1.0")).toBe(false);
    await registry.stop();
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
  });

  it("behind htpasswd, accepts the right password and refuses a wrong one", async () => {
    const registry = await startRegistry({
      dataDir,
      htpasswd: { username: "ci", password: "right-horse-battery" },
    });
    try {
      const url = `${registry.url}/v2/`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { Authorization: basic("ci", "wrong") } })).status).toBe(
        401,
      );
      const ok = await fetch(url, {
        headers: { Authorization: basic("ci", "right-horse-battery") },
      });
      expect(ok.status).toBe(200);
      expect(await registry.hasManifest("team/app", "1.0")).toBe(false);
      const htpasswd = await readFile(join(dataDir, "registry", "htpasswd"), "utf8");
      expect(htpasswd).toMatch(/^ci:\$2[aby]\$/);
      expect(htpasswd).not.toContain("right-horse-battery");
    } finally {
      await registry.stop();
    }
  });

  it("leaves the registry of a running service alone, and stops it once that service was killed", async () => {
    const owner = await registryOwner(dataDir);
    const { pid: registryPid } = JSON.parse(
      await readFile(join(dataDir, "registry", "registry.pid"), "utf8"),
    );
    try {
      await expect(startRegistry({ dataDir })).rejects.toMatchObject({
        code: "REGISTRY_IN_USE",
        ownerPid: owner.child.pid,
        message: expect.stringContaining(`belongs to a running service (pid ${owner.child.pid})`),
      });
      expect((await fetch(`http://${owner.host}/v2/`)).status).toBe(200);

      // A crash: the owner dies, its registry child keeps the port.
      owner.child.kill("SIGKILL");
      await new Promise((done) => owner.child.once("exit", done));
      expect(isProcessAlive(registryPid)).toBe(true);
      const port = Number(owner.host.split(":")[1]);
      const second = await startRegistry({ dataDir, port });
      try {
        expect(isProcessAlive(registryPid)).toBe(false);
        expect((await fetch(`${second.url}/v2/`)).status).toBe(200);
      } finally {
        await second.stop();
      }
    } finally {
      owner.child.kill("SIGKILL");
      if (isProcessAlive(registryPid)) process.kill(registryPid, "SIGKILL");
    }
  });

  it("fails with the registry's own output when the port is taken", async () => {
    // stdout.write, not console.log: under nx FORCE_COLOR is set, and console.log would wrap the
    // number in ANSI colour codes, so the port would parse as NaN and the registry fail for another reason.
    const blocker = spawn(process.execPath, [
      "-e",
      "require('node:net').createServer().listen(0,'127.0.0.1',function(){process.stdout.write(this.address().port+'\\n')})",
    ]);
    const port = await new Promise<number>((done) =>
      blocker.stdout.once("data", (d) => done(Number(String(d)))),
    );
    expect(Number.isInteger(port)).toBe(true);
    try {
      await expect(startRegistry({ dataDir, port })).rejects.toMatchObject({
        code: "REGISTRY_START_FAILED",
        message: expect.stringContaining("address already in use"),
      });
    } finally {
      blocker.kill();
    }
  });
});
