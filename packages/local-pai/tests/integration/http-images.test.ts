/** AddImage, GetImage, ListImages and RemoveImage; restart after a crash; startup errors. */
import { afterEach, describe, expect, it } from "vitest";
import {
  buildRequest,
  tempDataDir,
  call,
  scriptedBuilder,
  testService,
  waitForJob,
  instantBuilder,
} from "../fixtures/service-harness.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(options: Parameters<typeof testService>[0] = { builder: instantBuilder }) {
  const started = await testService(options);
  cleanups.push(started.cleanup);
  return started;
}

describe("AddImage, GetImage, ListImages, RemoveImage", () => {
  it("adds, reads with and without Verbose, lists with filters, and removes", async () => {
    const { service } = await start();
    const added = await call(`${service.url}/api/v1/images`, {
      method: "POST",
      body: {
        Name: "imported",
        ImageUri: "127.0.0.1:5000/team/imported:1.0",
        WorkspaceId: "12345",
        Labels: [{ Key: "system.chipType", Value: "GPU" }],
        Accessibility: "PUBLIC",
        Size: 3,
      },
    });
    expect(added.status).toBe(200);
    const imageId = String(added.body.ImageId);
    expect(imageId).toMatch(/^image-[A-Za-z0-9]{18}$/);

    const verbose = await call(`${service.url}/api/v1/images/${imageId}?Verbose=true`);
    expect(verbose.body).toMatchObject({
      Name: "imported",
      SourceType: "Import",
      Labels: [{ Key: "system.chipType", Value: "GPU" }],
      Size: 3,
    });
    expect(verbose.body.GmtCreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const badVerbose = await call(`${service.url}/api/v1/images/${imageId}?Verbose=yes`);
    expect(badVerbose.body).toMatchObject({ Code: "InvalidParameter" });
    expect(badVerbose.body.Message).toMatch(/^Verbose:/);

    const filtered = await call(
      `${service.url}/api/v1/images?WorkspaceId=12345&Labels=system.chipType=GPU&Accessibility=PUBLIC&Name=import&SortBy=GmtCreateTime&Order=DESC`,
    );
    expect(filtered.body.TotalCount).toBe(1);
    const none = await call(`${service.url}/api/v1/images?Labels=system.chipType=CPU`);
    expect(none.body).toMatchObject({ TotalCount: 0, Images: [] });

    const duplicate = await call(`${service.url}/api/v1/images`, {
      method: "POST",
      body: {
        Name: "imported",
        ImageUri: "127.0.0.1:5000/team/imported:2.0",
        WorkspaceId: "12345",
      },
    });
    expect(duplicate.body.Code).toBe("InvalidParameter");
    expect(duplicate.body.Message).toMatch(/^Name: /);

    const removed = await call(`${service.url}/api/v1/images/${imageId}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
    expect(Object.keys(removed.body)).toEqual(["RequestId"]);
    expect((await call(`${service.url}/api/v1/images/${imageId}`)).status).toBe(404);
  });

  it("names the bad query parameter or missing body field", async () => {
    const { service } = await start();
    const pageSize = await call(`${service.url}/api/v1/images?PageSize=0`);
    expect(pageSize.body.Code).toBe("InvalidParameter");
    expect(pageSize.body.Message).toMatch(/^PageSize: /);
    const order = await call(`${service.url}/api/v1/images?Order=sideways`);
    expect(order.body.Message).toMatch(/^Order: must be one of/);
    const unknown = await call(`${service.url}/api/v1/images?Colour=red`);
    expect(unknown.body.Message).toBe("Colour: is not a known field");
    const labels = await call(
      `${service.url}/api/v1/images?Labels=${encodeURIComponent("{json}")}`,
    );
    expect(labels.body.Message).toMatch(/^Labels: /);
    const noName = await call(`${service.url}/api/v1/images`, {
      method: "POST",
      body: { ImageUri: "127.0.0.1:5000/a/b:1", WorkspaceId: "1" },
    });
    expect(noName.body).toMatchObject({ Code: "MissingParameter", Message: "Name is required" });
    const noWorkspace = await call(`${service.url}/api/v1/images`, {
      method: "POST",
      body: { Name: "x", ImageUri: "127.0.0.1:5000/a/b:1" },
    });
    expect(noWorkspace.body).toMatchObject({
      Code: "MissingParameter",
      Message: "WorkspaceId is required",
    });
  });

  it("pages through PageNumber and PageSize with a stable TotalCount", async () => {
    const { service } = await start();
    for (let i = 0; i < 7; i++) {
      await call(`${service.url}/api/v1/images`, {
        method: "POST",
        body: { Name: `p-${i}`, ImageUri: `127.0.0.1:5000/a/p:${i}`, WorkspaceId: "1" },
      });
    }
    const page = await call(`${service.url}/api/v1/images?WorkspaceId=1&PageSize=3&PageNumber=3`);
    expect(page.body.TotalCount).toBe(7);
    expect((page.body.Images as { Name: string }[]).map((i) => i.Name)).toEqual(["p-6"]);
  });
});

describe("restart after a crash", () => {
  it("marks the unfinished job Failed with ServiceRestarted and keeps builds, images and tokens", async () => {
    const scripted = scriptedBuilder();
    const first = await testService({ builder: scripted.builder });
    const done = await call(`${first.service.url}/api/v1/imagebuilds?ClientToken=done`, {
      method: "POST",
      body: buildRequest({ name: "done" }),
    });
    scripted.finish(String(done.body.ImageBuildJobId), {
      status: "Succeeded",
      sizeBytes: 5,
      digest: "d",
    });
    await waitForJob(first.service.url, String(done.body.ImageBuildJobId));
    const running = await call(`${first.service.url}/api/v1/imagebuilds?ClientToken=running`, {
      method: "POST",
      body: buildRequest({ name: "running" }),
    });
    await scripted.started(2);

    // A second process opening the same data directory is what a restart after kill -9 looks like to SQLite.
    const second = await testService({ builder: instantBuilder, dataDir: first.dataDir });
    cleanups.push(async () => {
      await second.service.close();
      await first.cleanup();
    });
    const job = await call(
      `${second.service.url}/api/v1/jobs/${String(running.body.ImageBuildJobId)}`,
    );
    expect(job.body).toMatchObject({ Status: "Failed", ReasonCode: "ServiceRestarted" });
    expect(job.body.ReasonMessage).toMatch(/while the job was Running/);
    const images = await call(`${second.service.url}/api/v1/images?WorkspaceId=12345`);
    expect((images.body.Images as { Name: string }[]).map((i) => i.Name)).toEqual(["done"]);
    const replay = await call(`${second.service.url}/api/v1/imagebuilds?ClientToken=done`, {
      method: "POST",
      body: buildRequest({ name: "done" }),
    });
    expect(replay.body.ImageBuildId).toBe(done.body.ImageBuildId);
  });
});

describe("startup errors", () => {
  it("rejects when the port is taken and leaves the data directory usable", async () => {
    const first = await start();
    const port = Number(new URL(first.service.url).port);
    const other = tempDataDir();
    await expect(
      testService({ builder: instantBuilder, port, dataDir: other.dataDir }),
    ).rejects.toThrow(/EADDRINUSE/);
    other.cleanup();
    const again = await testService({ builder: instantBuilder, dataDir: first.dataDir });
    await again.service.close();
  });
});
