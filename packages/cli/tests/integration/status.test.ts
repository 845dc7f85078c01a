/** imagebuild status: one job, --watch, failures, signing and secrets kept out of output. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";
import { type PaiServer, startPaiServer } from "@imagebuild/test-support";

const REQUEST = (name: string) => ({
  WorkspaceId: "local",
  Resource: { EcsSpec: "ecs.c6.large" },
  TargetRegistry: { Type: "AcrEnterprise" },
  BuildConfig: { BuildType: "CustomDockerfile", Dockerfile: "FROM busybox:1.36\n" },
  Image: { Name: name, Uri: `127.0.0.1:5000/pai/${name}:1.0.0` },
});

let pai: PaiServer;
let env: NodeJS.ProcessEnv;

async function submit(name: string): Promise<string> {
  const res = await fetch(`${pai.url}/api/v1/imagebuilds?ClientToken=${name}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(REQUEST(name)),
  });
  return ((await res.json()) as { ImageBuildJobId: string }).ImageBuildJobId;
}

beforeAll(async () => {
  pai = await startPaiServer({ failingImageNames: ["status-fail"] });
  env = { IMAGEBUILD_ENDPOINT: pai.url };
});
afterAll(() => pai.close());

describe("status", () => {
  it("shows the job status; --json prints the DLC job", async () => {
    const jobId = await submit("status-one");
    const text = await runCli(["status", jobId], { env });
    expect(text.code).toBe(0);
    // The stand-in's jobs carry GmtCreateTime (and GmtFinishTime once ended), as DLC's do.
    expect(text.stdout).toMatch(new RegExp(`^${jobId}  Running\ncreated: \\S+Z\n$`));
    const json = await runCli(["status", jobId, "--json"], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      job: { JobId: jobId, Status: "Succeeded" },
    });
  });

  it("--watch follows the job to the end with one line per change", async () => {
    const jobId = await submit("status-watch");
    const { code, stdout } = await runCli(["status", jobId, "--watch", "--poll", "0.05"], { env });
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(
        `^${jobId}: Running\n${jobId}: Succeeded\n${jobId}  Succeeded\ncreated: \\S+Z\nfinished: \\S+Z\n$`,
      ),
    );
  });

  it("exits 1 for a failed job and shows the reason", async () => {
    const jobId = await submit("status-fail");
    const { code, stdout } = await runCli(["status", jobId, "--watch", "--poll", "0.05"], { env });
    expect(code).toBe(1);
    expect(stdout).toContain(`${jobId}  Failed\nreason: BuildFailed: RUN step exited with 1\n`);
  });

  it("exits 1 with the API error for an unknown job, as JSON under --json", async () => {
    const { code, stdout } = await runCli(["status", "dlc-missing", "--json"], { env });
    expect(code).toBe(1);
    const body = JSON.parse(stdout);
    expect(body.ok).toBe(false);
    expect(body.error).toMatchObject({ code: "NotFound" });
    expect(body.error.message).toContain("job not found");
  });

  it("signs with ALIBABA_CLOUD_* keys and never prints the secret", async () => {
    const secret = "very-secret-key-value-42";
    const signed = {
      ...env,
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIexample",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret,
    };
    const before = pai.seen.length;
    const { code, stdout, stderr } = await runCli(["status", "dlc-missing"], { env: signed });
    expect(code).toBe(1);
    expect(pai.seen[before]?.headers.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=LTAIexample,/,
    );
    expect(stdout + stderr).not.toContain(secret);
    expect(stderr).toMatch(/^imagebuild status: NotFound: /);
  });

  it("sends unsigned requests when only IMAGEBUILD_ENDPOINT is set", async () => {
    const before = pai.seen.length;
    await runCli(["status", "dlc-missing"], { env });
    expect(pai.seen[before]?.headers.authorization).toBeUndefined();
  });

  it("exits 1 naming the variables when no endpoint is configured", async () => {
    // Outside this repository, whose imagebuild.config.yaml names the local service's endpoint.
    const outside = mkdtempSync(path.join(tmpdir(), "imagebuild-cli-status-"));
    try {
      const { code, stderr } = await runCli(["status", "dlc-x"], { env: {}, cwd: outside });
      expect(code).toBe(1);
      expect(stderr).toContain("IMAGEBUILD_ENDPOINT");
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
