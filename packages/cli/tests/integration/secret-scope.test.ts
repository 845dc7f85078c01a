/** The real bin refuses RegistryAuths references outside the secret namespace or to unbound hosts: validate and build fail naming file and field, and the PAI server receives nothing. */
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSpecRepo,
  type PaiServer,
  SAMPLE_SPECS,
  type SpecRepo,
  startPaiServer,
} from "@imagebuild/test-support";
import { BIN } from "../fixtures/run-bin.ts";

// Values the child process holds: neither may reach the server or the output.
const ACCESS_KEY_SECRET = "ak-secret-5f1e2d3c4b";
const PUSH_SECRET = "robot:push-secret-9a8b7c";

const spec = (auths: string) => `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.36
    RegistryAuths:
${auths}environments:
  local:
    registry: 127.0.0.1:5000/pai
    build:
      WorkspaceId: local
`;

const LEAK = "specs/leak/1.0.0.yaml";
const STEAL = "specs/steal/1.0.0.yaml";
const GOOD = "specs/good/1.0.0.yaml";
const FILES = {
  "specs/_defaults.yaml": SAMPLE_SPECS["specs/_defaults.yaml"] as string,
  [LEAK]: spec("      127.0.0.1:5000:\n        fromEnv: ALIBABA_CLOUD_ACCESS_KEY_SECRET\n"),
  [STEAL]: spec("      attacker.example.com:\n        secret: acr-push\n"),
  [GOOD]: spec("      127.0.0.1:5000:\n        secret: acr-push\n"),
};
const BINDING = JSON.stringify({ ACR_PUSH: ["127.0.0.1:5000"] });

let pai: PaiServer;
let repo: SpecRepo;
beforeAll(async () => {
  pai = await startPaiServer();
  repo = createSpecRepo({ files: FILES });
});
afterAll(async () => {
  repo.cleanup();
  await pai.close();
});

function imagebuild(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: repo.dir,
        env: {
          PATH: process.env.PATH,
          IMAGEBUILD_ENDPOINT: pai.url,
          // Signed requests, as in the cloud: the key secret signs but is never sent.
          ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tTestKeyId0000",
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET,
          IMAGEBUILD_SECRET_ACR_PUSH: PUSH_SECRET,
          IMAGEBUILD_SECRET_HOSTS: BINDING,
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const LEAK_PROBLEM =
  /(^|: )specs\/leak\/1\.0\.0\.yaml:\d+:\d+: secret-scope: build\.BuildConfig\.RegistryAuths\.127\.0\.0\.1:5000\.fromEnv: ALIBABA_CLOUD_ACCESS_KEY_SECRET is outside the secret namespace IMAGEBUILD_SECRET_<NAME>/m;
const STEAL_PROBLEM =
  /(^|: )specs\/steal\/1\.0\.0\.yaml:\d+:\d+: secret-scope: build\.BuildConfig\.RegistryAuths\.attacker\.example\.com\.secret: secret ACR_PUSH is not bound to registry attacker\.example\.com \(bound to 127\.0\.0\.1:5000\)/m;

function expectNothingLeaked(output: string): void {
  for (const value of [ACCESS_KEY_SECRET, PUSH_SECRET]) {
    expect(output).not.toContain(value);
    expect(output).not.toContain(Buffer.from(value).toString("base64"));
  }
}

describe("secret scope in the CLI (real bin)", () => {
  it("validate fails naming the file and field of each out-of-scope reference", async () => {
    const { code, stdout, stderr } = await imagebuild(["validate"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(LEAK_PROBLEM);
    expect(stdout).toMatch(STEAL_PROBLEM);
    // The good spec gets only the pin-base-digest suggestion every tag-only base gets.
    expect(stdout).not.toMatch(/^specs\/good\/[^:]+:\d+:\d+: (?!warning: pin-base-digest:)/m);
    expectNothingLeaked(stdout + stderr);
  });

  it("build fails naming file and field, and the PAI server receives nothing", async () => {
    const before = pai.seen.length;
    for (const file of [LEAK, STEAL]) {
      const { code, stdout, stderr } = await imagebuild(["build", file, "--env", "local"]);
      expect(code).toBe(1);
      expect(stderr).toMatch(file === LEAK ? LEAK_PROBLEM : STEAL_PROBLEM);
      expectNothingLeaked(stdout + stderr);
    }
    // Nothing is built when one spec of a run is out of scope, not even the good one.
    const mixed = await imagebuild(["build", "specs", "--env", "local", "--json"]);
    expect(mixed.code).toBe(1);
    expect(JSON.parse(mixed.stdout).error).toMatchObject({ code: "SPEC_INVALID" });
    expectNothingLeaked(mixed.stdout + mixed.stderr);
    expect(pai.seen.length).toBe(before);
    expect(pai.stats.createCalls).toBe(0);
  });

  it("without a binding every reference is out of scope; a malformed one is a usage error", async () => {
    const unbound = await imagebuild(["build", GOOD, "--env", "local"], {
      IMAGEBUILD_SECRET_HOSTS: "",
    });
    expect(unbound.code).toBe(1);
    expect(unbound.stderr).toContain(
      "specs/good/1.0.0.yaml:10:17: secret-scope: build.BuildConfig.RegistryAuths.127.0.0.1:5000.secret: secret ACR_PUSH is not bound to registry 127.0.0.1:5000 (bound to no host)",
    );
    const malformed = await imagebuild(["validate"], { IMAGEBUILD_SECRET_HOSTS: "{not json" });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("IMAGEBUILD_SECRET_HOSTS: is not JSON");
    expect(pai.stats.createCalls).toBe(0);
  });

  it("a bound secret to its host is built, its value only in RegistryAuths", async () => {
    const { code, stdout, stderr } = await imagebuild(["build", GOOD, "--env", "local", "--json"]);
    expect(stdout).toContain('"status": "submitted"');
    expect(code).toBe(0);
    expectNothingLeaked(stdout + stderr);
    const [job] = [...pai.jobs.values()];
    const { RegistryAuths, ...buildConfig } = job?.request.BuildConfig ?? {};
    expect(RegistryAuths).toEqual({
      "127.0.0.1:5000": { Auth: Buffer.from(PUSH_SECRET).toString("base64") },
    });
    expectNothingLeaked(JSON.stringify({ ...job?.request, BuildConfig: buildConfig }));
    // The key secret signs the request but is never in it.
    const wire = pai.seen.map((request) => request.body + JSON.stringify(request.headers)).join();
    expect(wire).not.toContain(ACCESS_KEY_SECRET);
    expect(pai.stats.createCalls).toBe(1);
  });
});
