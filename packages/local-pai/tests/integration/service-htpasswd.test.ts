/** The service with its registry behind htpasswd: RegistryAuths exercised for real through the API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalPai, type LocalPai } from "../../src/create-local-pai.ts";
import { buildRequest, call, tempDataDir, waitForJob } from "../fixtures/service-harness.ts";
import { TEST_CACHE_DIR } from "../fixtures/spawn-local-serve.ts";

const USER = { username: "robot", password: "htpasswd-Secret-42" };

describe("local PAI with an htpasswd registry", () => {
  let pai: LocalPai;
  let cleanup: () => void;
  beforeAll(async () => {
    const temp = tempDataDir();
    cleanup = temp.cleanup;
    process.env.IMAGEBUILD_CACHE_DIR = TEST_CACHE_DIR;
    pai = await createLocalPai({
      dataDir: temp.dataDir,
      port: 0,
      registryPort: 0,
      seedImages: ["busybox"],
      registryAuth: USER,
    });
  }, 300_000);
  afterAll(async () => {
    await pai?.close();
    cleanup?.();
  });

  const withAuth = (name: string, user: string, password: string) => {
    const request = buildRequest({ name, uri: `${pai.registry.host}/team/${name}:1.0` });
    const auths = {
      [pai.registry.host]: { Auth: Buffer.from(`${user}:${password}`).toString("base64") },
    };
    return { ...request, BuildConfig: { ...request.BuildConfig, RegistryAuths: auths } };
  };

  it("builds with the right credentials and never shows them in the job or its log", async () => {
    const created = await call(`${pai.url}/api/v1/imagebuilds`, {
      method: "POST",
      body: withAuth("locked", USER.username, USER.password),
    });
    expect(created.status).toBe(200);
    const jobId = String(created.body.ImageBuildJobId);
    const job = await waitForJob(pai.url, jobId);
    expect(job.Status).toBe("Succeeded");
    expect(await pai.registry.hasManifest("team/locked", "1.0")).toBe(true);
    const logs = await call(`${pai.url}/api/v1/jobs/${jobId}/logs`);
    const everything = JSON.stringify([job, logs.body]);
    expect(everything).not.toContain(USER.password);
    expect(everything).not.toContain(
      Buffer.from(`${USER.username}:${USER.password}`).toString("base64"),
    );
  }, 240_000);

  it("refuses wrong credentials for its registry with 400 InvalidParameter naming Image.Uri", async () => {
    const refused = await call(`${pai.url}/api/v1/imagebuilds`, {
      method: "POST",
      body: withAuth("wrong", USER.username, "not-the-password"),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.Code).toBe("InvalidParameter");
    expect(String(refused.body.Message)).toMatch(/^Image\.Uri: /);
    expect(String(refused.body.Message)).not.toContain("not-the-password");
  });
});
