/** imagebuild.config.yaml through the real bin: found from a subfolder, precedence, bad fields, aliyun profiles. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closedPort, createSpecRepo, type SpecRepo, specYaml } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalService, startLocalService } from "../fixtures/local-service.ts";
import { runBin } from "../fixtures/run-bin.ts";

const PROFILE_SECRET = "profile-secret-value-31";
const ENV_SECRET = "env-secret-value-47";

// `local` has the spec's own registry; `staging` takes registry and workspace from the config.
const DEFAULTS = `apiVersion: imagebuild/v1
kind: Defaults
build:
  TargetRegistry:
    Type: AcrEnterprise
  Resource:
    EcsSpec: ecs.c6.large
environments:
  local:
    registry: 127.0.0.1:5000/pai
  staging: {}
`;

let repo: SpecRepo;
let home: string;
let local: LocalService;

function writeConfig(text: string): void {
  repo.write("imagebuild.config.yaml", text);
}

function configFor(endpoint: string, extra = ""): string {
  return `# yaml-language-server: $schema=packages/schema/schemas/imagebuild-config.schema.json
defaultEnv: local
environments:
  local:
    endpoint: ${endpoint}
    workspace: local${extra}
  staging:
    workspace: ws-stage
    registry: 127.0.0.1:5999/stage
`;
}

function writeProfiles(profiles: { name: string; secret: string }[]): void {
  mkdirSync(path.join(home, ".aliyun"), { recursive: true });
  const config = {
    current: profiles[0]?.name,
    profiles: profiles.map(({ name, secret }) => ({
      name,
      mode: "AK",
      access_key_id: `LTAI${name}`,
      access_key_secret: secret,
      region_id: "cn-hangzhou",
    })),
  };
  writeFileSync(path.join(home, ".aliyun", "config.json"), JSON.stringify(config));
}

beforeAll(async () => {
  repo = createSpecRepo({
    files: {
      "specs/_defaults.yaml": DEFAULTS,
      "specs/debian-tools/1.0.0.yaml": specYaml({ name: "debian-tools" }),
    },
  });
  home = mkdtempSync(path.join(tmpdir(), "imagebuild-cli-home-"));
  local = await startLocalService({
    accessKeys: [
      { accessKeyId: "LTAIci", accessKeySecret: PROFILE_SECRET },
      { accessKeyId: "LTAIenv", accessKeySecret: ENV_SECRET },
    ],
  });
});

afterAll(async () => {
  await local.close();
  repo.cleanup();
  rmSync(home, { recursive: true, force: true });
});

describe("imagebuild.config.yaml", () => {
  it("is found from a spec's folder, and without it the git root's specs/ is", async () => {
    writeConfig(configFor(local.service.url));
    const cwd = path.join(repo.dir, "specs", "debian-tools");
    const validate = await runBin(["validate", "--json"], { cwd, env: { HOME: home } });
    expect(validate.stderr).not.toContain("is not a directory");
    expect(JSON.parse(validate.stdout).environments.map((e: { env: string }) => e.env)).toEqual([
      "local",
      "staging",
    ]);
    const render = await runBin(["render", "1.0.0.yaml", "--json"], { cwd, env: { HOME: home } });
    expect(render.code).toBe(0);
    expect(JSON.parse(render.stdout)).toMatchObject({
      file: "specs/debian-tools/1.0.0.yaml",
      env: "local",
    });
    repo.remove("imagebuild.config.yaml");
    const bare = await runBin(["render", "1.0.0.yaml", "--env", "local", "--json"], { cwd });
    expect(bare.code).toBe(1);
    // Without the config's workspace the spec is incomplete: the specs folder was found all the same.
    expect(bare.stdout).toContain("WorkspaceId: is required");
  });

  it("keeps dev's session at the repository root, so dev push finds it from any subfolder", async () => {
    writeConfig(configFor(local.service.url));
    const cwd = path.join(repo.dir, "specs", "debian-tools");
    const push = await runBin(["dev", "push"], { cwd });
    expect(push.code).toBe(2);
    expect(push.stderr).toContain(`no running dev pipeline found (${repo.dir}/.imagebuild/`);
  });

  it("takes the environment from --env, else IMAGEBUILD_ENV, else defaultEnv; config values lie beneath the specs'", async () => {
    writeConfig(configFor(local.service.url));
    const render = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const run = await runBin(["render", "specs/debian-tools/1.0.0.yaml", "--json", ...args], {
        cwd: repo.dir,
        env: { HOME: home, ...env },
      });
      // The test spec names its base by tag: only the pin suggestion may be on stderr.
      expect(
        run.stderr.split("\n").filter((line) => line && !line.includes("pin-base-digest")),
      ).toEqual([]);
      const { env: used, request } = JSON.parse(run.stdout);
      return [used, request.WorkspaceId, request.Image.Uri];
    };
    expect(await render([])).toEqual(["local", "local", "127.0.0.1:5000/pai/debian-tools:1.0.0"]);
    expect(await render([], { IMAGEBUILD_ENV: "staging" })).toEqual([
      "staging",
      "ws-stage",
      "127.0.0.1:5999/stage/debian-tools:1.0.0",
    ]);
    expect(await render(["--env", "local"], { IMAGEBUILD_ENV: "staging" })).toEqual([
      "local",
      "local",
      "127.0.0.1:5000/pai/debian-tools:1.0.0",
    ]);
    const typo = await runBin(["render", "specs/debian-tools/1.0.0.yaml"], {
      cwd: repo.dir,
      env: { IMAGEBUILD_ENV: "stagin" },
    });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('IMAGEBUILD_ENV: no spec defines the environment "stagin"');
  });

  it("sends to the config's endpoint unless IMAGEBUILD_ENDPOINT says otherwise", async () => {
    writeConfig(configFor(local.service.url));
    const env = {
      HOME: home,
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIenv",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: ENV_SECRET,
    };
    const fromConfig = await runBin(["images", "--json"], { cwd: repo.dir, env });
    expect(fromConfig.code).toBe(0);
    expect(JSON.parse(fromConfig.stdout)).toMatchObject({ ok: true, totalCount: 0 });
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const overridden = await runBin(["images", "--json"], {
      cwd: repo.dir,
      env: { ...env, IMAGEBUILD_ENDPOINT: closed },
    });
    expect(overridden.code).toBe(1);
    expect(overridden.stdout).toContain("ECONNREFUSED");
  });

  it("names the file, line and field of a bad config, with a suggestion", async () => {
    writeConfig("defaultEnv: local\nenvironments:\n  local:\n    endpont: http://127.0.0.1:7070\n");
    const cwd = path.join(repo.dir, "specs", "debian-tools");
    const unknown = await runBin(["validate"], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '../../imagebuild.config.yaml:4:5: environments.local.endpont: is not a known field; did you mean "endpoint"?',
    );
    writeConfig("environments:\n  local:\n    endpoint: ftp://127.0.0.1/x\n");
    const bad = await runBin(["status", "dlc-1"], { cwd: repo.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      "imagebuild.config.yaml:3:5: environments.local.endpoint: must be a bare http(s) origin",
    );
    const doctor = await runBin(["doctor", "--ports", "1", "--json"], { cwd: repo.dir });
    expect(JSON.parse(doctor.stdout).checks).toContainEqual({
      check: "config",
      status: "fail",
      detail: expect.stringContaining("environments.local.endpoint"),
    });
  });

  it("signs with the aliyun CLI profile the config names; key variables win over it", async () => {
    writeConfig(configFor(local.service.url, "\n    profile: ci"));
    writeProfiles([
      { name: "dev", secret: "not-accepted-secret" },
      { name: "ci", secret: PROFILE_SECRET },
    ]);
    const profile = await runBin(["images", "--json"], { cwd: repo.dir, env: { HOME: home } });
    expect(profile.code).toBe(0);
    // ALIBABA_CLOUD_PROFILE beats the config's profile: "dev"'s key is not one the service knows.
    const chosen = await runBin(["images", "--json"], {
      cwd: repo.dir,
      env: { HOME: home, ALIBABA_CLOUD_PROFILE: "dev" },
    });
    expect(chosen.code).toBe(1);
    expect(JSON.parse(chosen.stdout).error.code).toBe("InvalidAccessKeyId.NotFound");
    const keys = await runBin(["images", "--json"], {
      cwd: repo.dir,
      env: {
        HOME: home,
        ALIBABA_CLOUD_PROFILE: "dev",
        ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIenv",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: ENV_SECRET,
      },
    });
    expect(keys.code).toBe(0);
    const doctor = await runBin(["doctor", "--ports", "1", "--json"], {
      cwd: repo.dir,
      env: { HOME: home },
    });
    const checks = JSON.parse(doctor.stdout).checks as { check: string; detail: string }[];
    expect(checks.find((c) => c.check === "credentials")?.detail).toBe(
      `from aliyun CLI profile "ci" (${path.join(home, ".aliyun", "config.json")})`,
    );
    expect(checks.find((c) => c.check === "config")?.detail).toBe(
      "imagebuild.config.yaml; environment local (from imagebuild.config.yaml: defaultEnv), endpoint from imagebuild.config.yaml: environments.local.endpoint",
    );
    for (const run of [profile, chosen, keys, doctor]) {
      expect(run.stdout + run.stderr).not.toMatch(/secret-value|not-accepted-secret/);
    }
  });
});
