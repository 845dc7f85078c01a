/** Through the real bin: `dev` beside a running `local serve` reuses it and leaves it working; a port held by anyone else is refused in one line with the holder's pid. */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isProcessAlive } from "@imagebuild/local-pai";
import { createPaiClient } from "@imagebuild/pai-client";
import { createSpecRepo, type SpecRepo } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin, startBin } from "../fixtures/run-bin.ts";

const BUILD_TIMEOUT_MS = 300_000;
const SPECS = fileURLToPath(new URL("../../../../specs/", import.meta.url));
const HELLO = "specs/busybox-hello/1.0.0.yaml";
// The local service seeds busybox under the installed busybox-static's version (e.g. 1.35).
const BUSYBOX_TAG =
  /v(\d+\.\d+)/.exec(execFileSync("busybox", { encoding: "utf8" }).split("\n")[0] ?? "")?.[1] ??
  "latest";
// Builds need a home and the machine's temporary folder; the base images come from the tests' shared cache.
const CHILD_ENV: NodeJS.ProcessEnv = {
  HOME: process.env.HOME,
  ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
  IMAGEBUILD_CACHE_DIR:
    process.env.IMAGEBUILD_CACHE_DIR || path.join(tmpdir(), "imagebuild-local-pai-test-cache"),
};

// How port-holders names a node process (the bin runs under this executable).
const NODE = path.basename(process.execPath);
const temporary: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `imagebuild-cli-${name}-`));
  temporary.push(dir);
  return dir;
};
const dataDir = tempDir("coexist");
let repo: SpecRepo;
let serve: ReturnType<typeof startBin>;
let service: { pid: number; endpoint: string; registryHost: string; registryUrl: string };

/** A process that is not ours holding a port; resolves with it and the port. */
async function portBlocker(): Promise<{ child: ChildProcess; port: number }> {
  // stdout.write, not console.log: under nx FORCE_COLOR would wrap the number in colour codes.
  const child = spawn(process.execPath, [
    "-e",
    "require('node:net').createServer().listen(0,'127.0.0.1',function(){process.stdout.write(this.address().port+'\\n')})",
  ]);
  const port = await new Promise<number>((done) =>
    child.stdout.once("data", (chunk) => done(Number(String(chunk)))),
  );
  return { child, port };
}

beforeAll(async () => {
  repo = createSpecRepo({
    files: {
      // The repository's own files: no registry in them, the local one is the running service's.
      "specs/_defaults.yaml": readFileSync(path.join(SPECS, "_defaults.yaml"), "utf8"),
      [HELLO]: readFileSync(path.join(SPECS, "busybox-hello/1.0.0.yaml"), "utf8").replace(
        /FROM busybox:\S+/,
        `FROM busybox:${BUSYBOX_TAG}`,
      ),
    },
  });
  serve = startBin(
    [
      "local",
      "serve",
      "--keys",
      "--port",
      "0",
      "--registry-port",
      "0",
      "--data",
      dataDir,
      "--base-images",
      "busybox",
    ],
    { env: CHILD_ENV },
  );
  const exitedEarly = await Promise.race([
    serve.waitFor(/^imagebuild local service listening on /m).then(() => undefined),
    serve.done,
  ]);
  if (exitedEarly)
    throw new Error(`local serve exited with ${exitedEarly.code}: ${exitedEarly.stderr}`);
  service = JSON.parse(readFileSync(path.join(dataDir, "service.json"), "utf8"));
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  if (serve?.child.exitCode === null) {
    serve.child.kill("SIGTERM");
    await serve.done;
  }
  repo?.cleanup();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe("dev and local serve on one machine", () => {
  it(
    "dev --once reuses the running service and its registry, builds through them, and leaves both running",
    async () => {
      expect(service.pid).toBe(serve.child.pid);
      const dev = await runBin(["dev", "--once", "--data", dataDir, "--port", "0"], {
        cwd: repo.dir,
        env: CHILD_ENV,
      });
      const output = dev.stdout + dev.stderr;
      expect(dev.code, output).toBe(0);
      expect(dev.stdout).toContain(
        `reusing the local service at ${service.endpoint} (pid ${service.pid})\n`,
      );
      expect(output).not.toMatch(/starting the local PAI service|stopping a registry|EADDRINUSE/);
      expect(dev.stdout).toContain("done: 1 image(s) built");

      // The service still answers, signed with the data directory's keys, and lists the image.
      const keys = JSON.parse(readFileSync(path.join(dataDir, "local-keys.json"), "utf8"));
      const client = createPaiClient({
        endpoint: service.endpoint,
        env: {},
        credentials: { accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret },
      });
      try {
        const { Images } = await client.listImages({ WorkspaceId: "local" });
        expect(Images.map((image) => image.ImageUri)).toEqual([
          `${service.registryHost}/pai/busybox-hello:1.0.0`,
        ]);
      } finally {
        await client.close();
      }
      // Its registry still serves the image.
      const login = Buffer.from(`${keys.registryUser}:${keys.registryPassword}`).toString("base64");
      const manifest = await fetch(`${service.registryUrl}/v2/pai/busybox-hello/manifests/1.0.0`, {
        method: "HEAD",
        headers: {
          Authorization: `Basic ${login}`,
          Accept: "application/vnd.oci.image.manifest.v1+json",
        },
      });
      expect(manifest.status).toBe(200);
      expect(serve.child.exitCode).toBeNull();
      expect(JSON.parse(readFileSync(path.join(dataDir, "service.json"), "utf8")).pid).toBe(
        service.pid,
      );
    },
    BUILD_TIMEOUT_MS,
  );

  it("--env local specs take the running service's registry, else local serve's default one", async () => {
    const render = (data: string) =>
      runBin(["render", HELLO, "--env", "local", "--json"], {
        cwd: repo.dir,
        env: { IMAGEBUILD_DATA_DIR: data },
      });
    const beside = await render(dataDir);
    expect(beside.code, beside.stderr).toBe(0);
    expect(JSON.parse(beside.stdout).request.Image.Uri).toBe(
      `${service.registryHost}/pai/busybox-hello:1.0.0`,
    );
    const alone = await render(tempDir("no-service"));
    expect(alone.code, alone.stderr).toBe(0);
    expect(JSON.parse(alone.stdout).request.Image.Uri).toBe(
      "127.0.0.1:5000/pai/busybox-hello:1.0.0",
    );
  });

  it("a second service on the data directory, or dev on another one taking the service's port, is refused in one line naming the pid", async () => {
    const second = await runBin(
      ["local", "serve", "--data", dataDir, "--port", "0", "--registry-port", "0"],
      { env: CHILD_ENV },
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `imagebuild local serve: LOCAL_PAI_IN_USE: ${dataDir} is served by the local service at ${service.endpoint} (pid ${service.pid}): use it, stop it, or choose another data directory\n`,
    );

    const port = Number(new URL(service.endpoint).port);
    const elsewhere = tempDir("elsewhere");
    const dev = await runBin(
      ["dev", "--once", "--data", elsewhere, "--pai-port", String(port), "--port", "0"],
      { cwd: repo.dir, env: CHILD_ENV },
    );
    expect(dev.code).toBe(1);
    expect(dev.stderr).toBe(
      `imagebuild dev: PORT_IN_USE: port ${port} is held by pid ${service.pid} (${NODE}): stop it, or choose another port with --pai-port\n`,
    );
    expect(existsSync(path.join(elsewhere, "service.json"))).toBe(false);

    // A service signed with keys of its own (recorded so) cannot be shared: dev says so and starts nothing.
    const ownKeys = tempDir("own-keys");
    const recorded = JSON.parse(readFileSync(path.join(dataDir, "service.json"), "utf8"));
    writeFileSync(path.join(ownKeys, "service.json"), JSON.stringify({ ...recorded, keys: "own" }));
    const unshared = await runBin(["dev", "--once", "--data", ownKeys, "--port", "0"], {
      cwd: repo.dir,
      env: CHILD_ENV,
    });
    expect(unshared.code).toBe(1);
    expect(unshared.stderr).toBe(
      `imagebuild dev: LOCAL_PAI_NOT_SHARED: the local service at ${service.endpoint} (pid ${service.pid}) signs with keys of its own, which dev cannot use: restart it with --keys (the data directory's keys), or give dev another --data\n`,
    );
    expect((await fetch(`${service.endpoint}/api/v1/images`)).status).toBeLessThan(500);
    expect(serve.child.exitCode).toBeNull();
  });

  it("a port another program holds is refused in one line with its pid, by dev and by local serve", async () => {
    const blocker = await portBlocker();
    try {
      const fresh = tempDir("blocked");
      const dev = await runBin(
        ["dev", "--data", fresh, "--pai-port", String(blocker.port), "--port", "0"],
        { cwd: repo.dir, env: CHILD_ENV },
      );
      expect(dev.code).toBe(1);
      expect(dev.stderr).toBe(
        `imagebuild dev: PORT_IN_USE: port ${blocker.port} is held by pid ${blocker.child.pid} (${NODE}): stop it, or choose another port with --pai-port\n`,
      );
      const local = await runBin(
        ["local", "serve", "--data", fresh, "--port", "0", "--registry-port", String(blocker.port)],
        { env: CHILD_ENV },
      );
      expect(local.code).toBe(1);
      expect(local.stderr).toBe(
        `imagebuild local serve: PORT_IN_USE: port ${blocker.port} is held by pid ${blocker.child.pid} (${NODE}): stop it, or choose another port with --registry-port\n`,
      );
      expect(existsSync(path.join(fresh, "service.json"))).toBe(false);
    } finally {
      blocker.child.kill();
    }
  });

  it("on SIGTERM the service stops its registry and removes its service.json", async () => {
    const registryPid = JSON.parse(
      readFileSync(path.join(dataDir, "registry", "registry.pid"), "utf8"),
    ).pid;
    serve.child.kill("SIGTERM");
    expect((await serve.done).code).toBe(0);
    expect(existsSync(path.join(dataDir, "service.json"))).toBe(false);
    expect(isProcessAlive(registryPid)).toBe(false);
  });
});
