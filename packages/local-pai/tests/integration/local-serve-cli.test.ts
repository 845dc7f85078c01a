/** imagebuild local serve as a child process: ready line, signals, signing and flag errors. */
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { call, tempDataDir } from "../fixtures/service-harness.ts";
import { IMAGEBUILD_BIN, isAlive, spawnLocalServe } from "../fixtures/spawn-local-serve.ts";

/**
 * A child `local serve` starts the registry, and on stop waits for base-image seeding (up to 10 s):
 * more than the 30 s default can pass when CI runs two suites at once on two cores.
 */
const SERVE_TEST_TIMEOUT_MS = 180_000;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("imagebuild local serve", () => {
  it(
    "prints its ready line, serves the API, and on SIGTERM exits 0 with the registry child gone",
    async () => {
      const { dataDir, cleanup } = tempDataDir();
      cleanups.push(cleanup);
      const serve = await spawnLocalServe({
        dataDir,
        extra: ["--base-images", "busybox", "--log-format", "json", "--workspace", "12345"],
      });
      expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const listed = await call(`${serve.url}/api/v1/images?WorkspaceId=12345`);
      expect(listed).toMatchObject({ status: 200, body: { TotalCount: 0, Images: [] } });
      const unknown = await call(`${serve.url}/api/v1/images?WorkspaceId=7`);
      expect(unknown.body.Code).toBe("100400027");

      const { pid: registryPid } = JSON.parse(
        readFileSync(join(dataDir, "registry", "registry.pid"), "utf8"),
      );
      expect(isAlive(registryPid)).toBe(true);
      serve.child.kill("SIGTERM");
      const { code } = await serve.exited;
      expect(code).toBe(0);
      expect(isAlive(registryPid)).toBe(false);
      for (const line of serve.stderr().trim().split("\n")) {
        expect(() => JSON.parse(line)).not.toThrow();
      }
    },
    SERVE_TEST_TIMEOUT_MS,
  );

  it(
    "accepts only signed requests when given a key, and never prints the secret",
    async () => {
      const { dataDir, cleanup } = tempDataDir();
      cleanups.push(cleanup);
      const secret = "cli-secret-value-123";
      const serve = await spawnLocalServe({
        dataDir,
        extra: ["--base-images", "busybox"],
        env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIcli", ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret },
      });
      const unsigned = await call(`${serve.url}/api/v1/images`);
      expect(unsigned.body.Code).toBe("IncompleteSignature");
      serve.child.kill("SIGINT");
      expect((await serve.exited).code).toBe(0);
      expect(serve.stderr()).not.toContain(secret);
    },
    SERVE_TEST_TIMEOUT_MS,
  );

  it.each([
    [["--port", "http"], "--port"],
    [["--concurrency", "0"], "--concurrency"],
    [["--log-format", "xml"], "--log-format"],
    [["--workspace", "a b"], "--workspace"],
    [["--access-key-id", "only-id"], "--access-key-id"],
    [["--access-key-id", "LTAIx", "--access-key-secret", "in-argv"], "--access-key-secret-file"],
    [["--keys", "--access-key-id", "LTAIx"], "--keys makes its own keys"],
  ])("exits 2 naming the flag for %j", (args, flag) => {
    const result = spawnSync(process.execPath, [IMAGEBUILD_BIN, "local", "serve", ...args], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: "", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "" },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(flag);
  });

  it("refuses a secret file other users can read", () => {
    const { dataDir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const file = join(dataDir, "secret");
    writeFileSync(file, "file-secret-value-123\n", { mode: 0o644 });
    chmodSync(file, 0o644);
    const result = spawnSync(
      process.execPath,
      [
        IMAGEBUILD_BIN,
        "local",
        "serve",
        "--access-key-id",
        "LTAIx",
        "--access-key-secret-file",
        file,
      ],
      {
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "" },
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`chmod 600 ${file}`);
    expect(result.stderr).not.toContain("file-secret-value-123");
  });

  it(
    "--keys: signed with keys made once per data directory (0600), a 0600 secret file is accepted too",
    async () => {
      const { dataDir, cleanup } = tempDataDir();
      cleanups.push(cleanup);
      const serve = await spawnLocalServe({
        dataDir,
        extra: ["--base-images", "busybox", "--keys"],
      });
      const keyFile = join(dataDir, "local-keys.json");
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const keys = JSON.parse(readFileSync(keyFile, "utf8"));
      const unsigned = await call(`${serve.url}/api/v1/images`);
      expect(unsigned.body.Code).toBe("IncompleteSignature");
      // The registry is behind the generated login too.
      const config = readFileSync(join(dataDir, "registry", "config.yml"), "utf8");
      const registryAddr = /addr: "([^"]+)"/.exec(config)?.[1];
      expect(registryAddr).toMatch(/^127\.0\.0\.1:\d+$/);
      expect((await fetch(`http://${registryAddr}/v2/`)).status).toBe(401);
      serve.child.kill("SIGTERM");
      expect((await serve.exited).code).toBe(0);
      expect(serve.stderr()).not.toContain(keys.accessKeySecret);
      expect(serve.stderr()).not.toContain(keys.registryPassword);

      const file = join(dataDir, "secret");
      writeFileSync(file, `${keys.accessKeySecret}\n`, { mode: 0o600 });
      const again = await spawnLocalServe({
        dataDir,
        extra: [
          "--base-images",
          "busybox",
          "--access-key-id",
          keys.accessKeyId,
          "--access-key-secret-file",
          file,
        ],
        env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "" },
      });
      expect((await call(`${again.url}/api/v1/images`)).body.Code).toBe("IncompleteSignature");
      again.child.kill("SIGTERM");
      expect((await again.exited).code).toBe(0);
      expect(again.stderr()).not.toContain(keys.accessKeySecret);
    },
    SERVE_TEST_TIMEOUT_MS * 2,
  );
});
