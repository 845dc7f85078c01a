/** imagebuild logs and stop, through the real bin against the real local service. */
import { createSpecRepo, SAMPLE_SPECS, type SpecRepo } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalService, startLocalService } from "../fixtures/local-service.ts";
import { runBin, startBin } from "../fixtures/run-bin.ts";

const HOLD_SPEC = (
  name: string,
) => `# yaml-language-server: $schema=../../packages/schema/schemas/spec.schema.json
apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.36
      RUN hold ${name}
      RUN echo done
environments:
  local:
    registry: 127.0.0.1:5000/pai
    build:
      WorkspaceId: local
`;

let local: LocalService;
let repo: SpecRepo;

async function submit(file: string): Promise<string> {
  const { stdout } = await runBin(["build", file, "--env", "local", "--json"], {
    cwd: repo.dir,
    env: local.env,
  });
  return JSON.parse(stdout).results[0].jobId;
}

beforeAll(async () => {
  local = await startLocalService();
  repo = createSpecRepo({
    files: {
      ...SAMPLE_SPECS,
      "specs/hold-follow/1.0.0.yaml": HOLD_SPEC("follow"),
      "specs/hold-stop/1.0.0.yaml": HOLD_SPEC("stop"),
    },
  });
});
afterAll(async () => {
  await local.close();
  repo.cleanup();
});

describe("logs", () => {
  it("prints a failed build's log; --tail and --json give the last lines", async () => {
    const jobId = await submit("specs/busybox-fail/1.0.0.yaml");
    await local.service.idle();
    const text = await runBin(["logs", jobId], { env: local.env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("STEP 2/2: RUN exit 1\n");
    expect(text.stdout).toContain("error building at STEP: exit status 1\n");
    const json = await runBin(["logs", jobId.replace(/^dlc-/, "build-"), "--tail", "1", "--json"], {
      env: local.env,
    });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      jobId,
      podId: `${jobId}-worker-0`,
      status: "Failed",
      lines: [expect.stringMatching(/status Failed/)],
    });
  });

  it("--follow streams lines while the build runs and exits 0 when it succeeds", async () => {
    const jobId = await submit("specs/hold-follow/1.0.0.yaml");
    const follow = startBin(["logs", jobId, "--follow", "--poll", "0.1"], { env: local.env });
    await follow.waitFor(/STEP 2\/3: RUN hold follow\n/);
    // Still running: the line arrived before the build ended.
    expect(follow.stdout()).not.toContain("COMMIT done");
    local.release();
    const { code, stdout, stderr } = await follow.done;
    expect(code).toBe(0);
    expect(stdout).toContain("STEP 3/3: RUN echo done\nCOMMIT done\n");
    // Each line once, though the log was read on every poll.
    expect(stdout.split("STEP 1/3").length).toBe(2);
    expect(stderr).toBe(`${jobId}: Succeeded\n`);
  });

  it("exits 2 for a missing id and 1 naming an unknown job", async () => {
    const missing = await runBin(["logs"], { env: local.env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("give exactly one JOB|BUILD id");
    const unknown = await runBin(["logs", "dlc-nosuchjob", "--json"], { env: local.env });
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error.code).toBe("NotFound");
  });
});

describe("stop", () => {
  it("stops a running build given its build id; a follower sees it end Stopped", async () => {
    const jobId = await submit("specs/hold-stop/1.0.0.yaml");
    const follow = startBin(["logs", jobId, "-f", "--poll", "0.1"], { env: local.env });
    await follow.waitFor(/RUN hold stop\n/);
    const stop = await runBin(
      ["stop", jobId.replace(/^dlc-/, "build-"), "--wait", "--poll", "0.05", "--json"],
      {
        env: local.env,
      },
    );
    expect(stop.code).toBe(0);
    expect(JSON.parse(stop.stdout)).toMatchObject({
      ok: true,
      jobId,
      previousStatus: "Running",
      stopped: true,
      job: { Status: "Stopped" },
    });
    const followed = await follow.done;
    expect(followed.code).toBe(1);
    expect(followed.stderr).toMatch(new RegExp(`^${jobId}: Stopped`));
  });

  it("leaves a finished build alone and says so", async () => {
    const jobId = await submit("specs/busybox-hello/1.0.0.yaml");
    await local.service.idle();
    const { code, stdout } = await runBin(["stop", jobId], { env: local.env });
    expect(code).toBe(0);
    expect(stdout).toBe(`${jobId}: already Succeeded; nothing to stop\n`);
  });
});

describe("build --wait on failure", () => {
  it("prints the failing step's last log lines, and logTail under --json", async () => {
    const { code, stdout } = await runBin(
      ["build", "specs/busybox-fail/1.0.0.yaml", "--env", "local", "--wait", "--poll", "0.05"],
      { cwd: repo.dir, env: local.env },
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /\nspecs\/busybox-fail\/1\.0\.0\.yaml failed; last \d+ lines of (dlc-\w+) \(imagebuild logs \1\):\n/,
    );
    expect(stdout).toContain("  STEP 2/2: RUN exit 1\n  sh: the command failed\n");
    const json = await runBin(
      [
        "build",
        "specs/busybox-fail/1.0.0.yaml",
        "--env",
        "local",
        "--wait",
        "--poll",
        "0.05",
        "--json",
      ],
      { cwd: repo.dir, env: local.env },
    );
    expect(json.code).toBe(1);
    const [result] = JSON.parse(json.stdout).results;
    expect(result.finalStatus).toBe("Failed");
    expect(result.logTail).toContain("error building at STEP: exit status 1");
  });
});
