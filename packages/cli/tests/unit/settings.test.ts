/** resolveSettings: which variable or config field chooses the environment and the target. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveSettings } from "../../src/settings.ts";

let root: string;
let nested: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "imagebuild-cli-settings-"));
  mkdirSync(path.join(root, ".git"));
  nested = path.join(root, "specs", "tools");
  mkdirSync(nested, { recursive: true });
  writeFileSync(
    path.join(root, "imagebuild.config.yaml"),
    `defaultEnv: local
environments:
  local: { endpoint: "http://127.0.0.1:7070", workspace: local, registry: "127.0.0.1:5000/pai" }
  prod: { region: cn-shanghai, workspace: "268451", profile: platform }
`,
  );
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const settings = (env: NodeJS.ProcessEnv, flag?: string) =>
  resolveSettings({ io: { cwd: nested, env }, env: flag });

describe("resolveSettings", () => {
  it("chooses the environment from --env, then IMAGEBUILD_ENV, then defaultEnv", async () => {
    expect(await settings({})).toMatchObject({ env: "local", explicitEnv: undefined });
    expect((await settings({})).envFrom).toBe("../../imagebuild.config.yaml: defaultEnv");
    expect(await settings({ IMAGEBUILD_ENV: "prod" })).toMatchObject({
      env: "prod",
      envFrom: "IMAGEBUILD_ENV",
      workspace: "268451",
      profile: "platform",
    });
    expect(await settings({ IMAGEBUILD_ENV: "prod" }, "local")).toMatchObject({
      env: "local",
      envFrom: "--env",
    });
    await expect(settings({ IMAGEBUILD_ENV: "Prod!" })).rejects.toThrow(
      "IMAGEBUILD_ENV: must be an environment name like local or prod",
    );
  });

  it("lets IMAGEBUILD_ENDPOINT or IMAGEBUILD_REGION replace the config's target, but not ALIBABA_CLOUD_REGION_ID", async () => {
    const target = async (env: NodeJS.ProcessEnv, flag?: string) => {
      const { endpoint, region, targetFrom } = await settings(env, flag);
      return { endpoint, region, targetFrom };
    };
    expect(await target({ ALIBABA_CLOUD_REGION_ID: "cn-beijing" })).toEqual({
      endpoint: "http://127.0.0.1:7070",
      region: undefined,
      targetFrom: "../../imagebuild.config.yaml: environments.local.endpoint",
    });
    expect(await target({ IMAGEBUILD_REGION: "cn-beijing" })).toEqual({
      endpoint: undefined,
      region: "cn-beijing",
      targetFrom: "IMAGEBUILD_REGION",
    });
    expect(await target({ IMAGEBUILD_ENDPOINT: "http://127.0.0.1:9" }, "prod")).toEqual({
      endpoint: "http://127.0.0.1:9",
      region: undefined,
      targetFrom: "IMAGEBUILD_ENDPOINT",
    });
    expect((await target({}, "prod")).region).toBe("cn-shanghai");
    // No environment at all: only variables name a target (what `plan` of every environment uses).
    expect(
      (await settings({ ALIBABA_CLOUD_REGION_ID: "cn-beijing" })).inEnv(undefined),
    ).toMatchObject({
      endpoint: undefined,
      region: undefined,
      targetFrom: "ALIBABA_CLOUD_REGION_ID",
    });
  });

  it("gives every configured environment's registry and workspace to the specs, and finds them from a subfolder", async () => {
    const found = await settings({});
    expect(found.environmentDefaults).toEqual({
      local: { registry: "127.0.0.1:5000/pai", workspaceId: "local" },
      prod: { workspaceId: "268451" },
    });
    expect(found.location()).toEqual({ rootDir: root, specsDir: "specs" });
  });
});
