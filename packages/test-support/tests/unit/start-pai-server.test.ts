/** The scripted PAI server: ClientToken dedup, job lifecycle, images, scripts, throttling, verification. */
import { afterEach, describe, expect, it } from "vitest";
import { type PaiServer, startPaiServer } from "../../src/start-pai-server.ts";

const REQUEST = (name: string) => ({
  WorkspaceId: "local",
  Resource: { EcsSpec: "ecs.c6.large" },
  TargetRegistry: { Type: "AcrEnterprise" },
  BuildConfig: { BuildType: "CustomDockerfile", Dockerfile: "FROM busybox:1.36\n" },
  Image: { Name: name, Uri: `127.0.0.1:5000/pai/${name}:1.0.0` },
});

let pai: PaiServer | undefined;
afterEach(async () => {
  await pai?.close();
  pai = undefined;
});

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${pai?.url}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("CreateImageBuild", () => {
  it("creates one build per ClientToken and answers a replay with the first ids", async () => {
    pai = await startPaiServer();
    const first = await call("POST", "/api/v1/imagebuilds?ClientToken=t1", REQUEST("a"));
    const again = await call("POST", "/api/v1/imagebuilds?ClientToken=t1", REQUEST("a"));
    expect(first).toMatchObject({
      status: 200,
      body: { ImageBuildId: "build-1", ImageBuildJobId: "dlc-1", RequestId: "REQ-1" },
    });
    expect(again.body).toMatchObject({ ImageBuildId: "build-1", ImageBuildJobId: "dlc-1" });
    expect(pai.stats).toMatchObject({ builds: 1, createCalls: 2, replays: 1 });
    expect(pai.builds.get("build-1")?.imageUri).toBe("127.0.0.1:5000/pai/a:1.0.0");
    expect(pai.jobs.get("dlc-1")?.clientToken).toBe("t1");
  });

  it("rejects a reused ClientToken with another body, and an invalid body", async () => {
    pai = await startPaiServer({ idPrefix: "stub" });
    await call("POST", "/api/v1/imagebuilds?ClientToken=t1", REQUEST("a"));
    const mismatch = await call("POST", "/api/v1/imagebuilds?ClientToken=t1", REQUEST("b"));
    expect(mismatch).toMatchObject({ status: 400, body: { Code: "IdempotentParameterMismatch" } });
    const invalid = await call("POST", "/api/v1/imagebuilds", { WorkspaceId: "x" });
    expect(invalid).toMatchObject({ status: 400, body: { Code: "InvalidParameter" } });
    expect([...pai.jobs.keys()]).toEqual(["dlc-stub1"]);
  });
});

describe("jobs and images", () => {
  it("moves a job one status per GetJob and lists the image once it succeeded", async () => {
    pai = await startPaiServer({ statusesBeforeEnd: ["Queuing", "Running"] });
    await call("POST", "/api/v1/imagebuilds?ClientToken=t", REQUEST("a"));
    const statuses: unknown[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await call("GET", "/api/v1/jobs/dlc-1")).body.Status);
    expect(statuses).toEqual(["Queuing", "Running", "Succeeded", "Succeeded"]);
    const list = await call("GET", "/api/v1/images?WorkspaceId=local&Verbose=true");
    expect(list.body).toMatchObject({
      TotalCount: 1,
      Images: [{ Name: "a", SourceType: "Build", SourceId: "build-1" }],
    });
  });

  it("fails builds of the named images and stops a running job", async () => {
    pai = await startPaiServer({ failingImageNames: ["bad"] });
    await call("POST", "/api/v1/imagebuilds?ClientToken=1", REQUEST("bad"));
    await call("POST", "/api/v1/imagebuilds?ClientToken=2", REQUEST("good"));
    await call("GET", "/api/v1/jobs/dlc-1");
    expect((await call("GET", "/api/v1/jobs/dlc-1")).body).toMatchObject({
      Status: "Failed",
      ReasonCode: "BuildFailed",
      ReasonMessage: "RUN step exited with 1",
    });
    expect((await call("POST", "/api/v1/jobs/dlc-2/stop")).status).toBe(200);
    expect((await call("GET", "/api/v1/jobs/dlc-2")).body.Status).toBe("Stopped");
    expect((await call("GET", "/api/v1/jobs/dlc-9")).body).toMatchObject({ Code: "NotFound" });
  });

  it("lists seeded images by workspace, name and URI, page by page; adds, gets and removes", async () => {
    pai = await startPaiServer({
      images: [
        { ImageUri: "r/ml/any:1.0" },
        { ImageId: "image-w", Name: "w", ImageUri: "r/ml/w:1.0", WorkspaceId: "w", Labels: [] },
      ],
    });
    const inW = await call("GET", "/api/v1/images?WorkspaceId=w&PageSize=1&PageNumber=2");
    expect(inW.body).toMatchObject({ TotalCount: 2, Images: [{ ImageId: "image-w" }] });
    const byUri = await call("GET", "/api/v1/images?ImageUri=r/ml/any:1.0");
    expect(byUri.body.Images).toEqual([
      { ImageId: "image-000000000000000000", Name: "any", ImageUri: "r/ml/any:1.0" },
    ]);
    const added = await call("POST", "/api/v1/images", { Name: "new", ImageUri: "r/ml/new:1" });
    const id = String(added.body.ImageId);
    expect(id).toMatch(/^image-[0-9]{18}$/);
    expect((await call("GET", `/api/v1/images/${id}`)).body).toMatchObject({ Name: "new" });
    expect((await call("DELETE", `/api/v1/images/${id}`)).status).toBe(200);
    expect((await call("GET", `/api/v1/images/${id}`)).status).toBe(404);
  });
});

describe("scripted failures", () => {
  it("answers drop, 503, throttle, then serves the contract, recording every request", async () => {
    pai = await startPaiServer({ script: ["drop", "503", "throttle"] });
    await expect(call("GET", "/api/v1/images")).rejects.toThrow();
    expect((await call("GET", "/api/v1/images")).body).toMatchObject({
      Code: "ServiceUnavailable",
    });
    expect((await call("GET", "/api/v1/images")).body).toMatchObject({ Code: "Throttling.User" });
    expect((await call("GET", "/api/v1/images")).status).toBe(200);
    expect(pai.seen.map((r) => `${r.method} ${r.path}`)).toEqual(
      Array(4).fill("GET /api/v1/images"),
    );
  });

  it("repeats the last step when asked, sending an object step verbatim", async () => {
    pai = await startPaiServer({
      script: [{ status: 200, body: { JobId: "j", Status: "Running" } }],
      repeatLastStep: true,
    });
    for (let i = 0; i < 2; i++) {
      expect((await call("GET", "/api/v1/jobs/j")).body).toEqual({ JobId: "j", Status: "Running" });
    }
  });

  it("fails the first attempts of each ClientToken until healed", async () => {
    pai = await startPaiServer({ failFirst: 2, failure: "throttle" });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await call("POST", "/api/v1/imagebuilds?ClientToken=a", REQUEST("a"))).status);
    }
    expect(statuses).toEqual([400, 400, 200]);
    pai.healed = true;
    expect((await call("POST", "/api/v1/imagebuilds?ClientToken=b", REQUEST("b"))).status).toBe(
      200,
    );
    expect(pai.stats).toMatchObject({ createCalls: 4, builds: 2 });
  });

  it("throttles beyond its rate with HTTP 400 Throttling.User", async () => {
    pai = await startPaiServer({ ratePerSecond: 1, burst: 1 });
    const [one, two] = await Promise.all([
      call("GET", "/api/v1/images"),
      call("GET", "/api/v1/images"),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 400]);
    expect(pai.stats.throttled).toBe(1);
  });

  it("answers a failed verification instead of the call and records the outcome", async () => {
    pai = await startPaiServer({
      verify: ({ headers }) =>
        headers.authorization === "good"
          ? { ok: true }
          : { ok: false, statusCode: 400, code: "SignatureDoesNotMatch", message: "bad" },
    });
    const denied = await call("GET", "/api/v1/images");
    expect(denied).toMatchObject({ status: 400, body: { Code: "SignatureDoesNotMatch" } });
    expect(pai.seen[0]?.verification).toMatchObject({ ok: false });
  });

  it("holds answers until the test lets them go", async () => {
    let release = () => {};
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    pai = await startPaiServer({ hold });
    let answered = false;
    const pending = call("GET", "/api/v1/images").then(() => {
      answered = true;
    });
    while (pai.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(answered).toBe(false);
    release();
    await pending;
    expect(answered).toBe(true);
  });
});
