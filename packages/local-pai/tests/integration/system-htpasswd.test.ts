/** Builds against a registry behind htpasswd: RegistryAuths with the right and a wrong password, and no secret in any output. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canPushTo, runBuild } from "../../src/system/index.ts";
import { type SystemHarness, startSystemHarness } from "../fixtures/system-harness.ts";

const BUILD_TIMEOUT_MS = 120_000;
const USER = "builder";
const PASSWORD = "pa55-horse-battery-staple";
const WRONG = "not-the-password";
const auth = (user: string, password: string) => ({
  Auth: Buffer.from(`${user}:${password}`).toString("base64"),
});

describe("runBuild with an htpasswd registry", () => {
  let system: SystemHarness;
  beforeAll(async () => {
    system = await startSystemHarness({
      images: ["busybox"],
      htpasswd: { username: USER, password: PASSWORD },
    });
  }, 300_000);
  afterAll(() => system?.close());

  const build = async (name: string, password: string, overwriteTag = true) => {
    const logs: string[] = [];
    const registryAuths = { [system.registry.host]: auth(USER, password) };
    const outcome = await runBuild({
      dockerfile: "FROM busybox\nRUN echo private > /secret-free\n",
      imageUri: `${system.registry.host}/private/${name}:1.0`,
      registryAuths,
      overwriteTag,
      environment: system.environment,
      isolation: system.isolation,
      registry: system.registry,
      workDir: system.workDir(name),
      onLog: (line) => logs.push(line),
    });
    return { outcome, logs, registryAuths };
  };

  it(
    "pulls and pushes with the right credentials from RegistryAuths",
    async () => {
      const { outcome, logs, registryAuths } = await build("right", PASSWORD);
      expect(outcome.status).toBe("Succeeded");
      expect(await system.registry.hasManifest("private/right", "1.0")).toBe(true);
      const everything = JSON.stringify({ outcome, logs });
      expect(everything).not.toContain(PASSWORD);
      expect(everything).not.toContain(Object.values(registryAuths)[0]?.Auth);
    },
    BUILD_TIMEOUT_MS,
  );

  it.each([
    ["pulling the base image", true],
    ["checking whether the tag exists", false],
  ])(
    "fails with RegistryAuthFailed when %s with a wrong password, and leaks nothing",
    async (_when, overwriteTag) => {
      const name = overwriteTag ? "wrong-pull" : "wrong-check";
      const { outcome, logs, registryAuths } = await build(name, WRONG, overwriteTag);
      expect(outcome).toMatchObject({ status: "Failed", reasonCode: "RegistryAuthFailed" });
      expect(await system.registry.hasManifest(`private/${name}`, "1.0")).toBe(false);
      const everything = JSON.stringify({ outcome, logs });
      expect(everything).not.toContain(WRONG);
      expect(everything).not.toContain(PASSWORD);
      expect(everything).not.toContain(Object.values(registryAuths)[0]?.Auth);
    },
    BUILD_TIMEOUT_MS,
  );

  it("canPushTo checks the request's credentials for real", async () => {
    const { registry } = system;
    const imageUri = `${registry.host}/private/app:1.0`;
    expect(await canPushTo({ imageUri, registry })).toEqual({ ok: true });
    expect(
      await canPushTo({
        imageUri,
        registry,
        registryAuths: { [registry.host]: auth(USER, PASSWORD) },
      }),
    ).toEqual({
      ok: true,
    });
    const wrong = await canPushTo({
      imageUri,
      registry,
      registryAuths: { [registry.host]: auth(USER, WRONG) },
    });
    expect(wrong).toMatchObject({
      ok: false,
      reason: expect.stringContaining("rejected the credentials"),
    });
    expect(JSON.stringify(wrong)).not.toContain(WRONG);
    const garbled = await canPushTo({
      imageUri,
      registry,
      registryAuths: { [registry.host]: { Auth: "%%%" } },
    });
    expect(garbled).toMatchObject({
      ok: false,
      reason: expect.stringContaining("BuildConfig.RegistryAuths"),
    });
  });
});
