/** loadOrCreateLocalKeys: one 0600 key file per data directory, reused, refused when others can read it. */
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_KEYS_FILE, loadOrCreateLocalKeys } from "../../src/index.ts";

describe("loadOrCreateLocalKeys", () => {
  let dataDir = "";
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "imagebuild-keys-"));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it("makes a 0600 file once and returns the same keys every time", async () => {
    const first = await loadOrCreateLocalKeys({ dataDir });
    expect(first.file).toBe(join(dataDir, LOCAL_KEYS_FILE));
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);
    expect(first.accessKey.accessKeySecret.length).toBeGreaterThanOrEqual(32);
    expect(first.registryAuth.password.length).toBeGreaterThanOrEqual(32);
    expect(first.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET).toBe(first.accessKey.accessKeySecret);
    const [again, concurrent] = await Promise.all([
      loadOrCreateLocalKeys({ dataDir }),
      loadOrCreateLocalKeys({ dataDir }),
    ]);
    expect(again).toEqual(first);
    expect(concurrent).toEqual(first);
    const other = await mkdtemp(join(tmpdir(), "imagebuild-keys-"));
    try {
      const elsewhere = await loadOrCreateLocalKeys({ dataDir: other });
      expect(elsewhere.accessKey.accessKeySecret).not.toBe(first.accessKey.accessKeySecret);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it("refuses a key file others can read, and a malformed one, without printing a secret", async () => {
    const keys = await loadOrCreateLocalKeys({ dataDir });
    await chmod(keys.file, 0o644);
    const open = await loadOrCreateLocalKeys({ dataDir }).catch((e: unknown) => e);
    expect(open).toMatchObject({
      code: "LOCAL_KEYS_INVALID",
      message: expect.stringContaining("chmod 600"),
    });
    expect(String((open as Error).message)).not.toContain(keys.accessKey.accessKeySecret);
    await writeFile(keys.file, "{not json", { mode: 0o600 });
    await chmod(keys.file, 0o600);
    const bad = await loadOrCreateLocalKeys({ dataDir }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: "LOCAL_KEYS_INVALID", file: keys.file });
    expect(await readFile(keys.file, "utf8")).toBe("{not json");
  });
});
