/** CreateImageBuild, GetJob, ListImages and the queue over HTTP, with a scripted builder. */
import { afterEach, describe, expect, it } from "vitest";
import {
  buildRequest,
  call,
  instantBuilder,
  scriptedBuilder,
  testService,
  waitForJob,
} from "../fixtures/service-harness.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(options: Parameters<typeof testService>[0]) {
  const started = await testService(options);
  cleanups.push(started.cleanup);
  return started;
}

describe("CreateImageBuild, GetJob and ListImages", () => {
  it("runs a build through Creating, Queuing, EnvPreparing, Running, Succeeded and lists the image with its SourceId", async () => {
    const { service } = await start({ builder: instantBuilder });
    const created = await call(`${service.url}/api/v1/imagebuilds?ClientToken=t-1`, {
      method: "POST",
      body: buildRequest(),
    });
    expect(created.status).toBe(200);
    expect(created.body.RequestId).toMatch(
      /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/,
    );
    const buildId = String(created.body.ImageBuildId);
    const jobId = String(created.body.ImageBuildJobId);
    expect(buildId).toMatch(/^build-/);
    const job = await waitForJob(service.url, jobId);
    expect(job.Status).toBe("Succeeded");
    expect((job.StatusHistory as { Status: string }[]).map((h) => h.Status)).toEqual([
      "Creating",
      "Queuing",
      "EnvPreparing",
      "Running",
      "Succeeded",
    ]);
    expect(job.GmtFinishTime).toMatch(/Z$/);

    const listed = await call(`${service.url}/api/v1/images?WorkspaceId=12345&Verbose=true`);
    expect(listed.body.TotalCount).toBe(1);
    const [image] = listed.body.Images as Record<string, unknown>[];
    expect(image).toMatchObject({
      Name: "tools",
      Description: "test image",
      ImageUri: "127.0.0.1:5000/team/tools:1.0",
      Labels: [{ Key: "team", Value: "ml" }],
      Accessibility: "PRIVATE",
      WorkspaceId: "12345",
      SourceType: "Build",
      SourceId: buildId,
      Size: 1234,
    });
    expect(String(image?.ImageId)).toMatch(/^image-[A-Za-z0-9]{18}$/);

    const got = await call(`${service.url}/api/v1/images/${String(image?.ImageId)}`);
    expect(got.body.ImageId).toBeUndefined();
    expect(got.body.Labels).toBeUndefined();
    expect(got.body.SourceId).toBe(buildId);
  });

  it("creates exactly one build for 50 concurrent identical requests with one ClientToken", async () => {
    const scripted = scriptedBuilder();
    const { service } = await start({ builder: scripted.builder });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(`${service.url}/api/v1/imagebuilds?ClientToken=same`, {
          method: "POST",
          body: buildRequest(),
        }),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(new Set(responses.map((r) => r.body.ImageBuildId)).size).toBe(1);
    expect(new Set(responses.map((r) => r.body.ImageBuildJobId)).size).toBe(1);
    await scripted.started(1);
    expect(scripted.tasks).toHaveLength(1);
    scripted.finish(String(responses[0]?.body.ImageBuildJobId), {
      status: "Succeeded",
      sizeBytes: 1,
      digest: "d",
    });
    await service.idle();
    expect(scripted.tasks).toHaveLength(1);
  });

  it("replays the first response for the same token and request, and rejects the token with a different request", async () => {
    const { service } = await start({ builder: instantBuilder });
    const url = `${service.url}/api/v1/imagebuilds?ClientToken=tok`;
    const first = await call(url, { method: "POST", body: buildRequest() });
    // Same request with keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(buildRequest()).reverse());
    const again = await call(url, { method: "POST", body: reordered });
    expect(again.body.ImageBuildId).toBe(first.body.ImageBuildId);
    expect(again.body.RequestId).not.toBe(first.body.RequestId);
    const other = await call(url, { method: "POST", body: buildRequest({ name: "other" }) });
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ Code: "IdempotentParameterMismatch", HostId: "127.0.0.1" });
    expect(other.body.Message).toMatch(/ClientToken/);
    const noToken = await call(`${service.url}/api/v1/imagebuilds`, {
      method: "POST",
      body: buildRequest(),
    });
    expect(noToken.body.ImageBuildId).not.toBe(first.body.ImageBuildId);
  });

  it.each([
    [["WorkspaceId"], "WorkspaceId is required"],
    [["Resource"], "Resource is required"],
    [["TargetRegistry"], "TargetRegistry is required"],
    [["TargetRegistry", "Type"], "TargetRegistry.Type: is required"],
    [["BuildConfig"], "BuildConfig is required"],
    [["BuildConfig", "Dockerfile"], "BuildConfig.Dockerfile: is required"],
    [["BuildConfig", "BuildType"], "BuildConfig.BuildType: is required"],
    [["Image"], "Image is required"],
    [["Image", "Name"], "Image.Name: is required"],
    [["Image", "Uri"], "Image.Uri: is required"],
  ])("answers 400 MissingParameter naming %j when it is missing", async (path, message) => {
    const scripted = scriptedBuilder();
    const { service } = await start({ builder: scripted.builder });
    const body: Record<string, unknown> = buildRequest();
    deleteAt(body, path);
    const response = await call(`${service.url}/api/v1/imagebuilds`, { method: "POST", body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ Code: "MissingParameter", Message: message });
    expect(Object.keys(response.body).sort()).toEqual([
      "Code",
      "HostId",
      "Message",
      "Recommend",
      "RequestId",
    ]);
    expect(scripted.tasks).toHaveLength(0);
  });

  it("answers 400 InvalidParameter naming the field for a bad value, bad JSON or an unknown field", async () => {
    const { service } = await start({ builder: instantBuilder });
    const url = `${service.url}/api/v1/imagebuilds`;
    const badName = buildRequest({ name: "Bad_Name" });
    const r1 = await call(url, { method: "POST", body: badName });
    expect(r1.body).toMatchObject({ Code: "InvalidParameter" });
    expect(r1.body.Message).toMatch(/^Image\.Name: must match/);
    const r2 = await call(url, { method: "POST", body: "{not json" });
    expect(r2.body).toMatchObject({ Code: "InvalidParameter" });
    expect(r2.body.Message).toMatch(/^request body: is not valid JSON/);
    const r3 = await call(url, { method: "POST", body: { ...buildRequest(), Extra: 1 } });
    expect(r3.body.Message).toBe("Extra: is not a known field");
    const r4 = await call(`${url}?ClientToken=${"x".repeat(65)}`, {
      method: "POST",
      body: buildRequest(),
    });
    expect(r4.body.Code).toBe("InvalidParameter");
    expect(r4.body.Message).toMatch(/^ClientToken:/);
  });

  it("answers 400 InvalidParameter naming Image.Uri when the registry cannot be pushed to", async () => {
    const { service } = await start({
      builder: instantBuilder,
      canPush: async () => ({ ok: false, reason: "registry.example.com does not answer /v2/" }),
    });
    const response = await call(`${service.url}/api/v1/imagebuilds`, {
      method: "POST",
      body: buildRequest(),
    });
    expect(response.status).toBe(400);
    expect(response.body.Code).toBe("InvalidParameter");
    expect(response.body.Message).toMatch(/^Image\.Uri: .*does not answer/);
  });

  it("answers 404 100400027 for a workspace outside the configured list", async () => {
    const { service } = await start({ builder: instantBuilder, workspaces: ["12345"] });
    const create = await call(`${service.url}/api/v1/imagebuilds`, {
      method: "POST",
      body: buildRequest({ workspaceId: "999" }),
    });
    expect(create.status).toBe(404);
    expect(create.body).toMatchObject({ Code: "100400027", Message: "Workspace not exists" });
    const list = await call(`${service.url}/api/v1/images?WorkspaceId=999`);
    expect(list.status).toBe(404);
    const ok = await call(`${service.url}/api/v1/images?WorkspaceId=12345`);
    expect(ok.status).toBe(200);
  });

  it("refuses a body over the limit with 413 RequestBodyTooLarge", async () => {
    const { service } = await start({ builder: instantBuilder, bodyLimitBytes: 1024 });
    const response = await call(`${service.url}/api/v1/imagebuilds`, {
      method: "POST",
      body: buildRequest({ dockerfile: `FROM busybox\n# ${"x".repeat(4096)}\n` }),
    });
    expect(response.status).toBe(413);
    expect(response.body.Code).toBe("RequestBodyTooLarge");
  });

  it("answers 404 for unknown ids and routes", async () => {
    const { service } = await start({ builder: instantBuilder });
    const image = await call(`${service.url}/api/v1/images/image-nope`);
    expect(image).toMatchObject({ status: 404, body: { Code: "InvalidImageId.NotFound" } });
    const removed = await call(`${service.url}/api/v1/images/image-nope`, { method: "DELETE" });
    expect(removed.status).toBe(404);
    const job = await call(`${service.url}/api/v1/jobs/dlc-nope`);
    expect(job).toMatchObject({ status: 404, body: { Code: "NotFound" } });
    const stop = await call(`${service.url}/api/v1/jobs/dlc-nope/stop`, { method: "POST" });
    expect(stop.status).toBe(404);
    const logs = await call(`${service.url}/api/v1/jobs/dlc-nope/logs`);
    expect(logs.status).toBe(404);
    const route = await call(`${service.url}/api/v2/nothing`);
    expect(route).toMatchObject({ status: 404, body: { Code: "InvalidApi.NotFound" } });
  });

  it("rejects an x-acs-action that does not match the path", async () => {
    const { service } = await start({ builder: instantBuilder });
    const response = await call(`${service.url}/api/v1/images`, {
      headers: { "x-acs-action": "GetJob" },
    });
    expect(response).toMatchObject({ status: 400, body: { Code: "InvalidAction.NotFound" } });
  });
});

describe("the queue", () => {
  it("runs at most `concurrency` builds at once, the rest wait in Queuing", async () => {
    const scripted = scriptedBuilder();
    const { service } = await start({ builder: scripted.builder, concurrency: 2 });
    const jobs: string[] = [];
    for (const name of ["a", "b", "c"]) {
      const { body } = await call(`${service.url}/api/v1/imagebuilds`, {
        method: "POST",
        body: buildRequest({ name, uri: `127.0.0.1:5000/team/${name}:1` }),
      });
      jobs.push(String(body.ImageBuildJobId));
    }
    await scripted.started(2);
    expect(scripted.tasks).toHaveLength(2);
    const third = await call(`${service.url}/api/v1/jobs/${jobs[2]}`);
    expect(third.body.Status).toBe("Queuing");
    scripted.finish(String(jobs[0]), { status: "Succeeded", sizeBytes: 1, digest: "d" });
    await scripted.started(3);
    scripted.finish(String(jobs[1]), {
      status: "Failed",
      reasonCode: "BuildFailed",
      reasonMessage: "exit 1",
    });
    scripted.finish(String(jobs[2]), { status: "Succeeded", sizeBytes: 1, digest: "d" });
    await service.idle();
    const failed = await call(`${service.url}/api/v1/jobs/${jobs[1]}`);
    expect(failed.body).toMatchObject({
      Status: "Failed",
      ReasonCode: "BuildFailed",
      ReasonMessage: "exit 1",
    });
    const listed = await call(`${service.url}/api/v1/images?WorkspaceId=12345`);
    expect(listed.body.TotalCount).toBe(2);
  });

  it("stops a running build (Stopped, JobStoppedByUser) and a queued one, and leaves a finished one alone", async () => {
    const scripted = scriptedBuilder();
    const { service } = await start({ builder: scripted.builder, concurrency: 1 });
    const ids: string[] = [];
    for (const name of ["a", "b"]) {
      const { body } = await call(`${service.url}/api/v1/imagebuilds`, {
        method: "POST",
        body: buildRequest({ name, uri: `127.0.0.1:5000/team/${name}:1` }),
      });
      ids.push(String(body.ImageBuildJobId));
    }
    await scripted.started(1);
    const stopQueued = await call(`${service.url}/api/v1/jobs/${ids[1]}/stop`, { method: "POST" });
    expect(stopQueued.status).toBe(200);
    const stopRunning = await call(`${service.url}/api/v1/jobs/${ids[0]}/stop`, { method: "POST" });
    expect(stopRunning.status).toBe(200);
    await service.idle();
    for (const id of ids) {
      const job = await call(`${service.url}/api/v1/jobs/${id}`);
      expect(job.body).toMatchObject({ Status: "Stopped", ReasonCode: "JobStoppedByUser" });
    }
    expect(scripted.tasks).toHaveLength(1);
    const again = await call(`${service.url}/api/v1/jobs/${ids[0]}/stop`, { method: "POST" });
    expect(again.status).toBe(200);
    const listed = await call(`${service.url}/api/v1/images`);
    expect(listed.body.TotalCount).toBe(0);
  });

  it("keeps a log per job, readable at /api/v1/jobs/{JobId}/logs, with registry credentials masked", async () => {
    const auth = Buffer.from("robot:s3cret-pass").toString("base64");
    const { service } = await start({
      builder: async ({ onLog, onPhase }) => {
        onPhase("Running");
        onLog(`pulling with ${auth} as robot:s3cret-pass`);
        return { status: "Succeeded", sizeBytes: 1, digest: "d" };
      },
    });
    const request = buildRequest();
    (request.BuildConfig as Record<string, unknown>).RegistryAuths = {
      "registry.example.com": { Auth: auth },
    };
    const { body } = await call(`${service.url}/api/v1/imagebuilds`, {
      method: "POST",
      body: request,
    });
    const jobId = String(body.ImageBuildJobId);
    await waitForJob(service.url, jobId);
    const logs = await call(`${service.url}/api/v1/jobs/${jobId}/logs`);
    expect(logs.body.JobId).toBe(jobId);
    const text = (logs.body.Logs as string[]).join("\n");
    expect(text).toContain("[local-pai] status Running");
    expect(text).toContain("pulling with *** as ***");
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain(auth);
  });
});

function deleteAt(target: Record<string, unknown>, path: string[]): void {
  const parent = path
    .slice(0, -1)
    .reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, target);
  delete parent[path[path.length - 1] as string];
}
