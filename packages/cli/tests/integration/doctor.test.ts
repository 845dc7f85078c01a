/** imagebuild doctor through the real bin: a port's holder, the endpoint and its clock, keys and spec secrets. */
import { closedPort, createSpecRepo, SAMPLE_SPECS, type SpecRepo } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalService, startLocalService } from "../fixtures/local-service.ts";
import { runBin } from "../fixtures/run-bin.ts";

interface Check {
  check: string;
  status: string;
  detail: string;
}

let local: LocalService;
let repo: SpecRepo;
beforeAll(async () => {
  local = await startLocalService();
  repo = createSpecRepo({ files: SAMPLE_SPECS });
});
afterAll(async () => {
  await local.close();
  repo.cleanup();
});

async function doctor(args: string[], env: NodeJS.ProcessEnv) {
  const run = await runBin(["doctor", "--ports", String(local.service.port), ...args, "--json"], {
    cwd: repo.dir,
    env,
  });
  const body = JSON.parse(run.stdout) as { ok: boolean; checks: Check[] };
  return { code: run.code, body, byName: new Map(body.checks.map((c) => [c.check, c])), run };
}

describe("doctor", () => {
  it("names the process holding a port, the endpoint's answer and the clock", async () => {
    const { byName } = await doctor([], {
      ...local.env,
      PRIVATE_REGISTRY_AUTH: "user:pass-123456",
    });
    expect(byName.get(`port ${local.service.port}`)?.detail).toMatch(
      new RegExp(`^in use by pid ${process.pid}: `),
    );
    expect(byName.get("endpoint")).toMatchObject({
      status: "ok",
      detail: expect.stringContaining(`${local.service.url} answered HTTP`),
    });
    expect(byName.get("clock")).toMatchObject({
      status: "ok",
      detail: expect.stringMatching(/in step/),
    });
    expect(byName.get("credentials")?.status).toBe("ok");
  });

  it("fails for a secret the specs reference but the environment lacks, never printing a value", async () => {
    const missing = await doctor([], local.env);
    expect(missing.code).toBe(1);
    expect(missing.body.ok).toBe(false);
    expect(missing.byName.get("secret IMAGEBUILD_SECRET_PRIVATE_REGISTRY")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("not set; used by specs/private-base/2.0.yaml in env local"),
    });
    const secret = "user:very-secret-value-77";
    const present = await doctor([], { ...local.env, IMAGEBUILD_SECRET_PRIVATE_REGISTRY: secret });
    expect(present.code).toBe(0);
    expect(present.byName.get("secret IMAGEBUILD_SECRET_PRIVATE_REGISTRY")?.status).toBe("ok");
    expect(present.run.stdout + present.run.stderr).not.toContain("very-secret-value-77");
  });

  it("names a secret reference the secret-scope lint refuses instead of saying no spec has one", async () => {
    const unbound = await doctor([], { ...local.env, IMAGEBUILD_SECRET_HOSTS: "{}" });
    expect(unbound.code).toBe(1);
    expect(unbound.byName.get("secrets")).toBeUndefined();
    expect(unbound.byName.get("secret scope")).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(
        /^specs\/private-base\/2\.0\.yaml:\d+:\d+: secret-scope: .*PRIVATE_REGISTRY is not bound/,
      ),
    });
  });

  it("fails when the endpoint does not answer, or the cloud has no keys; prints a table", async () => {
    const closed = await closedPort();
    const down = await doctor([], { IMAGEBUILD_ENDPOINT: `http://127.0.0.1:${closed}` });
    expect(down.byName.get("endpoint")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("ECONNREFUSED"),
    });
    const cloud = await doctor([], {
      IMAGEBUILD_ENDPOINT: "",
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIonly",
    });
    expect(cloud.byName.get("credentials")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("set both"),
    });
    const table = await runBin(["doctor", "--env", "local"], { cwd: repo.dir, env: local.env });
    expect(table.stdout).toMatch(/^STATUS +CHECK +DETAIL\n/);
    expect(table.stdout).toMatch(/\n\d+ checks: \d+ ok, \d+ warnings, \d+ failed\n$/);
  });

  it("exits 2 naming a bad --ports", async () => {
    const { code, stderr } = await runBin(["doctor", "--ports", "http"], { cwd: repo.dir });
    expect(code).toBe(2);
    expect(stderr).toContain("--ports: must be port numbers");
  });
});
