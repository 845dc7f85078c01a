/** imagebuild build against a stub PAI: submit, --wait, per-spec failures and Ctrl-C while waiting. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";
import {
  createSpecRepo,
  type PaiServer,
  SAMPLE_SPECS,
  type SpecRepo,
  startPaiServer,
} from "@imagebuild/test-support";

const AUTH = "robot:pa55-w0rd-secret";
const HELLO = "specs/busybox-hello/1.0.0.yaml";
const FAIL = "specs/busybox-fail/1.0.0.yaml";

let pai: PaiServer;
let repo: SpecRepo;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  pai = await startPaiServer({ idPrefix: "stub", failingImageNames: ["busybox-fail"] });
  repo = createSpecRepo({ files: SAMPLE_SPECS });
  env = { IMAGEBUILD_ENDPOINT: pai.url };
});
afterEach(async () => {
  await pai.close();
  repo.cleanup();
});

describe("build", () => {
  it("submits a build per spec and prints the jobs", async () => {
    const { code, stdout } = await runCli(["build", HELLO, "--env", "local"], {
      cwd: repo.dir,
      env,
    });
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "SPEC                            STATUS     JOB        DETAIL",
        `${HELLO}  submitted  dlc-stub1  -`,
        "1 submitted, 0 skipped, 0 failed to submit",
        "",
      ].join("\n"),
    );
    const job = pai.jobs.get("dlc-stub1");
    expect(job?.request.Image.Uri).toBe("127.0.0.1:5000/pai/busybox-hello:1.0.0");
    const create = pai.seen.find((r) => r.method === "POST" && r.path === "/api/v1/imagebuilds");
    expect(create?.headers["x-imagebuild-trigger"]).toBe("cli");
  });

  it("running the same build again makes no second build (same ClientToken)", async () => {
    const first = await runCli(["build", HELLO, "--env", "local", "--json"], {
      cwd: repo.dir,
      env,
    });
    const second = await runCli(["build", HELLO, "--env", "local", "--json"], {
      cwd: repo.dir,
      env,
    });
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).results[0].jobId).toBe(
      JSON.parse(first.stdout).results[0].jobId,
    );
    expect(pai.jobs.size).toBe(1);
  });

  it("--wait follows every build, prints a line per status change, exits 1 when one fails", async () => {
    const { code, stdout } = await runCli(
      ["build", HELLO, FAIL, "--env", "local", "--wait", "--poll", "0.05", "--concurrency", "1"],
      { cwd: repo.dir, env },
    );
    expect(code).toBe(1);
    // Specs go in file order, so the failing one is submitted first.
    const lines = stdout.split("\n");
    expect(lines.slice(0, 7)).toEqual([
      `${FAIL}: dlc-stub1  Submitted`,
      `${FAIL}: dlc-stub1  Running`,
      `${FAIL}: dlc-stub1  Failed`,
      `${FAIL}: dlc-stub1  Failed: RUN step exited with 1`,
      `${HELLO}: dlc-stub2  Submitted`,
      `${HELLO}: dlc-stub2  Running`,
      `${HELLO}: dlc-stub2  Succeeded`,
    ]);
    expect(stdout).not.toContain("\u001b[");
    expect(stdout).toContain(`${FAIL}   Failed     dlc-stub1  RUN step exited with 1\n`);
    expect(stdout).toContain(
      "2 submitted, 0 skipped, 0 failed to submit, 1 build(s) did not succeed\n",
    );
  });

  it("--wait --json prints the results with final statuses; progress goes to stderr", async () => {
    const { code, stdout, stderr } = await runCli(
      ["build", "specs", "--env", "local", "--wait", "--poll", "0.05", "--json"],
      { cwd: repo.dir, env: { ...env, IMAGEBUILD_SECRET_PRIVATE_REGISTRY: AUTH } },
    );
    expect(code).toBe(1);
    const body = JSON.parse(stdout);
    expect(body.ok).toBe(false);
    const byFile = Object.fromEntries(body.results.map((r: { file: string }) => [r.file, r]));
    expect(byFile[HELLO]).toMatchObject({ status: "submitted", finalStatus: "Succeeded" });
    expect(byFile[FAIL]).toMatchObject({ status: "submitted", finalStatus: "Failed" });
    expect(byFile["specs/cloud-only/1.0.0.yaml"]).toMatchObject({ status: "skipped" });
    expect(stderr).toContain(`${HELLO}: `);
    // The credential reached the server, base64'd, and was never printed.
    const sent = [...pai.jobs.values()].find((j) => j.request.Image.Name === "private-base");
    expect(sent?.request.BuildConfig.RegistryAuths?.["registry.example.com"]?.Auth).toBe(
      Buffer.from(AUTH).toString("base64"),
    );
    expect(stdout + stderr).not.toContain(AUTH);
    expect(stdout + stderr).not.toContain(Buffer.from(AUTH).toString("base64"));
  });

  it("on a terminal, --wait redraws a live status block", async () => {
    const { code, stdout } = await runCli(
      ["build", HELLO, "--env", "local", "--wait", "--poll", "0.05"],
      { cwd: repo.dir, env, isTTY: true },
    );
    expect(code).toBe(0);
    expect(stdout).toContain("\u001b[1A\u001b[2K");
    expect(stdout).toContain("dlc-stub1  Succeeded");
  });

  it("skips a version whose image already exists in the workspace", async () => {
    await runCli(["build", HELLO, "--env", "local", "--wait", "--poll", "0.05"], {
      cwd: repo.dir,
      env,
    });
    const again = await runCli(["build", HELLO, "--env", "local", "--json"], {
      cwd: repo.dir,
      env,
    });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).results[0]).toMatchObject({
      status: "skipped",
      reason: expect.stringContaining("already exists"),
    });
  });

  it("a missing credential fails that spec only, naming the variable", async () => {
    const { code, stdout } = await runCli(
      ["build", HELLO, "specs/private-base/2.0.yaml", "--env", "local", "--json"],
      { cwd: repo.dir, env },
    );
    expect(code).toBe(1);
    const results = JSON.parse(stdout).results;
    expect(results).toHaveLength(2);
    const failed = results.find((r: { status: string }) => r.status === "failed");
    expect(failed.file).toBe("specs/private-base/2.0.yaml");
    expect(failed.error.code).toBe("SECRET_MISSING");
    expect(failed.error.message).toContain("IMAGEBUILD_SECRET_PRIVATE_REGISTRY");
    expect(pai.jobs.size).toBe(1);
  });

  it("refuses invalid specs before calling the API", async () => {
    repo.write(
      "specs/busybox-hello/1.0.0.yaml",
      "apiVersion: imagebuild/v1\nkind: ImageBuild\nnope: 1\n",
    );
    const { code, stderr } = await runCli(["build", HELLO, "--env", "local"], {
      cwd: repo.dir,
      env,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/SPEC_INVALID: specs\/busybox-hello\/1\.0\.0\.yaml:3:1: /);
    expect(pai.seen).toEqual([]);
  });

  it("reports an API error per spec and exits 1", async () => {
    const { code, stdout } = await runCli(["build", HELLO, "--env", "local", "--json"], {
      cwd: repo.dir,
      env: { IMAGEBUILD_ENDPOINT: `${pai.url.replace(/:\d+$/, ":1")}` },
    });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).results[0]).toMatchObject({
      status: "failed",
      error: { code: "NetworkError" },
    });
  });
});

describe("build --wait interrupted", () => {
  it("stops waiting, shows the builds as still running and exits 1", async () => {
    // The submission reads the job once (is it a replay?): keep it running past that read.
    await pai.close();
    pai = await startPaiServer({ idPrefix: "stub", statusesBeforeEnd: ["Running", "Running"] });
    env = { IMAGEBUILD_ENDPOINT: pai.url };
    const interrupt = new AbortController();
    const running = runCli(["build", HELLO, "--env", "local", "--wait", "--poll", "30"], {
      cwd: repo.dir,
      env,
      signal: interrupt.signal,
    });
    // Interrupt once the first GetJob has arrived: the build is then known as submitted, whether the
    // abort lands during that poll or in the 30 s sleep after it. A fixed delay after CreateImageBuild
    // could land before its response on a busy machine.
    while (!pai.seen.some((r) => r.method === "GET" && r.path.startsWith("/api/v1/jobs/")))
      await new Promise((r) => setTimeout(r, 20));
    interrupt.abort();
    const { code, stdout, stderr } = await running;
    expect(code).toBe(1);
    expect(stdout).toContain(`${HELLO}: dlc-stub1  still running: stopped waiting\n`);
    expect(stdout).not.toContain("Failed");
    expect(stdout).toContain(`${HELLO}  submitted  dlc-stub1  still running: stopped waiting`);
    expect(stderr).toContain("interrupted: stopped waiting; submitted builds keep running");
  });
});
