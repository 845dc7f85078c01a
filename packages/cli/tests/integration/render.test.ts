/** imagebuild render: the exact CreateImageBuild call of one spec, with its ClientToken. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";
import { createSpecRepo, SAMPLE_SPECS, type SpecRepo } from "@imagebuild/test-support";

const AUTH = "robot:pa55-w0rd-secret";

let repo: SpecRepo;
beforeAll(() => {
  repo = createSpecRepo({ files: SAMPLE_SPECS });
});
afterAll(() => repo.cleanup());

describe("render", () => {
  it("prints the call with its ClientToken and the layered body", async () => {
    const { code, stdout } = await runCli(
      ["render", "specs/busybox-hello/1.0.0.yaml", "--env", "local"],
      { cwd: repo.dir },
    );
    expect(code).toBe(0);
    const [comment, call, ...body] = stdout.split("\n");
    expect(comment).toBe("# specs/busybox-hello/1.0.0.yaml (env local)");
    expect(call).toMatch(/^POST \/api\/v1\/imagebuilds\?ClientToken=ib1-[a-z0-9]+$/);
    expect(JSON.parse(body.join("\n"))).toEqual({
      Accessibility: "PRIVATE",
      WorkspaceId: "local",
      Resource: { EcsSpec: "ecs.c6.large" },
      TargetRegistry: { Type: "AcrEnterprise" },
      BuildConfig: {
        BuildType: "CustomDockerfile",
        Dockerfile: "FROM busybox:1.36\nRUN echo hello > /etc/motd\n",
      },
      Image: { Name: "busybox-hello", Uri: "127.0.0.1:5000/pai/busybox-hello:1.0.0" },
    });
  });

  it("--json gives a deterministic ClientToken of at most 64 characters", async () => {
    const args = ["render", "specs/busybox-hello/1.0.0.yaml", "--env", "local", "--json"];
    const first = JSON.parse((await runCli(args, { cwd: repo.dir })).stdout);
    const second = JSON.parse((await runCli(args, { cwd: repo.dir })).stdout);
    expect(first).toMatchObject({ ok: true, file: "specs/busybox-hello/1.0.0.yaml", env: "local" });
    expect(first.clientToken).toBe(second.clientToken);
    expect(first.clientToken.length).toBeLessThanOrEqual(64);
    expect(first.clientToken).toMatch(/^[\x21-\x7e]+$/);
  });

  it("shows registry credentials as references, never their values", async () => {
    const env = { IMAGEBUILD_SECRET_PRIVATE_REGISTRY: AUTH };
    const { code, stdout, stderr } = await runCli(
      ["render", "specs/private-base/2.0.yaml", "--env", "local", "--json"],
      { cwd: repo.dir, env },
    );
    expect(code).toBe(0);
    const auth = JSON.parse(stdout).request.BuildConfig.RegistryAuths["registry.example.com"].Auth;
    expect(auth).toBe("<secret private-registry>");
    const output = stdout + stderr;
    expect(output).not.toContain(AUTH);
    expect(output).not.toContain(Buffer.from(AUTH).toString("base64"));
  });

  it("exits 1 for a spec that does not define the environment", async () => {
    const { code, stderr } = await runCli(
      ["render", "specs/cloud-only/1.0.0.yaml", "--env", "local"],
      {
        cwd: repo.dir,
      },
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^imagebuild render: SPEC_INVALID: specs\/cloud-only\/1\.0\.0\.yaml:1:1: unknown-environment: .*"local"/,
    );
  });

  it("exits 1 with the problems for an invalid spec, as JSON under --json", async () => {
    repo.write(
      "specs/broken/1.0.yaml",
      "apiVersion: imagebuild/v1\nkind: ImageBuild\nextra: true\n",
    );
    const { code, stdout } = await runCli(
      ["render", "specs/broken/1.0.yaml", "--env", "local", "--json"],
      {
        cwd: repo.dir,
      },
    );
    expect(code).toBe(1);
    const body = JSON.parse(stdout);
    expect(body.error.code).toBe("SPEC_INVALID");
    expect(body.error.problems[0]).toMatchObject({ file: "specs/broken/1.0.yaml", line: 3 });
    repo.remove("specs/broken/1.0.yaml");
  });

  it("a missing spec file is a usage error", async () => {
    const { code } = await runCli(["render", "specs/nope/1.0.yaml"], { cwd: repo.dir });
    expect(code).toBe(2);
  });
});
