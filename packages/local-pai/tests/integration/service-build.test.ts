/** The whole service with real buildah builds and a real registry: the "Prove it" list of issue 4. */
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalPai, type LocalPai } from "../../src/create-local-pai.ts";
import {
  buildRequest,
  call,
  tempDataDir,
  waitForJob,
  waitForStatus,
} from "../fixtures/service-harness.ts";
import { TEST_CACHE_DIR } from "../fixtures/spawn-local-serve.ts";

const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
].join(", ");
const BUILD_TEST_TIMEOUT_MS = 240_000;

describe("local PAI with real builds (FROM busybox)", () => {
  let pai: LocalPai;
  let dataDir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ dataDir, cleanup } = tempDataDir());
    process.env.IMAGEBUILD_CACHE_DIR = TEST_CACHE_DIR;
    pai = await createLocalPai({ dataDir, port: 0, registryPort: 0, seedImages: ["busybox"] });
  }, 300_000);
  afterAll(async () => {
    await pai?.close();
    cleanup?.();
  });

  const uri = (name: string) => `${pai.registry.host}/team/${name}:1.0`;
  const create = (body: unknown, token?: string) =>
    call(`${pai.url}/api/v1/imagebuilds${token ? `?ClientToken=${token}` : ""}`, {
      method: "POST",
      body,
    });

  it(
    "builds and pushes: the manifest is in the registry, ListImages shows the SourceId, GetJob the history",
    async () => {
      const request = buildRequest({
        name: "hello",
        uri: uri("hello"),
        dockerfile: "FROM busybox\nRUN echo hello > /hello\n",
      });
      const created = await create(request, "real-hello");
      expect(created.status).toBe(200);
      const job = await waitForJob(pai.url, String(created.body.ImageBuildJobId));
      expect(job.Status).toBe("Succeeded");
      expect((job.StatusHistory as { Status: string }[]).map((h) => h.Status)).toEqual([
        "Creating",
        "Queuing",
        "EnvPreparing",
        "Running",
        "Succeeded",
      ]);

      const manifest = await fetch(`${pai.registry.url}/v2/team/hello/manifests/1.0`, {
        headers: { Accept: MANIFEST_ACCEPT },
      });
      expect(manifest.status).toBe(200);
      expect(manifest.headers.get("docker-content-digest")).toMatch(/^sha256:[0-9a-f]{64}$/);

      const listed = await call(`${pai.url}/api/v1/images?WorkspaceId=12345&Name=hello`);
      expect(listed.body.TotalCount).toBe(1);
      const [image] = listed.body.Images as Record<string, unknown>[];
      expect(image).toMatchObject({
        Name: "hello",
        ImageUri: uri("hello"),
        SourceType: "Build",
        SourceId: created.body.ImageBuildId,
      });
      expect(Number(image?.Size)).toBeGreaterThan(0);

      const logs = await call(
        `${pai.url}/api/v1/jobs/${String(created.body.ImageBuildJobId)}/logs`,
      );
      expect((logs.body.Logs as string[]).some((l) => l.includes("echo hello"))).toBe(true);
    },
    BUILD_TEST_TIMEOUT_MS,
  );

  it(
    "registers the built image with its base's digest as imagebuild.base.0, next to the request's labels",
    async () => {
      const request = buildRequest({
        name: "based",
        uri: uri("based"),
        dockerfile: "FROM busybox\nRUN echo based > /based\n",
      }) as { Image: { Labels?: { Key: string; Value: string }[] } };
      request.Image.Labels = [
        { Key: "team", Value: "platform" },
        { Key: "imagebuild.base.0", Value: "claimed-by-the-request" },
      ];
      const created = await create(request, "real-based");
      expect(created.status).toBe(200);
      const job = await waitForJob(pai.url, String(created.body.ImageBuildJobId));
      expect(job.Status).toBe("Succeeded");
      const head = await fetch(`${pai.registry.url}/v2/library/busybox/manifests/latest`, {
        method: "HEAD",
        headers: { Accept: MANIFEST_ACCEPT },
      });
      const digest = head.headers.get("docker-content-digest");
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      const listed = await call(
        `${pai.url}/api/v1/images?WorkspaceId=12345&Name=based&Verbose=true`,
      );
      const [image] = listed.body.Images as { Labels?: unknown }[];
      expect(image?.Labels).toEqual([
        { Key: "team", Value: "platform" },
        { Key: "imagebuild.base.0", Value: `docker.io/library/busybox:latest@${digest}` },
      ]);
    },
    BUILD_TEST_TIMEOUT_MS,
  );

  it(
    "creates exactly one build for 50 concurrent identical requests, and rejects the token with another request",
    async () => {
      const request = buildRequest({
        name: "once",
        uri: uri("once"),
        dockerfile: "FROM busybox\nRUN echo once > /once\n",
      });
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => create(request, "fifty")),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
      expect(new Set(responses.map((r) => r.body.ImageBuildId)).size).toBe(1);
      const db = new Database(join(dataDir, "local-pai.sqlite"), { readonly: true });
      const { n } = db
        .prepare(
          "SELECT count(*) AS n FROM builds WHERE json_extract(request_json, '$.Image.Name') = 'once'",
        )
        .get() as { n: number };
      db.close();
      expect(n).toBe(1);

      const mismatch = await create({ ...request, Accessibility: "PUBLIC" }, "fifty");
      expect(mismatch).toMatchObject({
        status: 400,
        body: { Code: "IdempotentParameterMismatch" },
      });
      const job = await waitForJob(pai.url, String(responses[0]?.body.ImageBuildJobId));
      expect(job.Status).toBe("Succeeded");
    },
    BUILD_TEST_TIMEOUT_MS,
  );

  it(
    "fails a Dockerfile that does not build with the builder's reason (FROM ubuntu:18:04)",
    async () => {
      const created = await create(
        buildRequest({
          name: "bad",
          uri: uri("bad"),
          dockerfile: "FROM ubuntu:18:04\nRUN pip3 install numpy==1.19.5",
        }),
      );
      const job = await waitForJob(pai.url, String(created.body.ImageBuildJobId));
      expect(job.Status).toBe("Failed");
      expect(String(job.ReasonMessage)).toContain("invalid reference format");
      expect(job.ReasonCode).toBeTruthy();
      const listed = await call(`${pai.url}/api/v1/images?Name=bad`);
      expect(listed.body.TotalCount).toBe(0);
    },
    BUILD_TEST_TIMEOUT_MS,
  );

  it(
    "stops a running build: Stopped with JobStoppedByUser, nothing pushed",
    async () => {
      const created = await create(
        buildRequest({
          name: "slow",
          uri: uri("slow"),
          dockerfile: "FROM busybox\nRUN sleep 120\n",
        }),
      );
      const jobId = String(created.body.ImageBuildJobId);
      await waitForStatus(pai.url, jobId, "Running");
      const stopped = await call(`${pai.url}/api/v1/jobs/${jobId}/stop`, { method: "POST" });
      expect(stopped.status).toBe(200);
      const job = await waitForJob(pai.url, jobId, { timeoutMs: 30_000 });
      expect(job).toMatchObject({ Status: "Stopped", ReasonCode: "JobStoppedByUser" });
      expect(await pai.registry.hasManifest("team/slow", "1.0")).toBe(false);
    },
    BUILD_TEST_TIMEOUT_MS,
  );

  it(
    "keeps an existing tag unless OverwriteImageTag is true, then updates the listed image's SourceId",
    async () => {
      const request = buildRequest({
        name: "tagged",
        uri: uri("tagged"),
        dockerfile: "FROM busybox\nRUN echo one > /v\n",
      });
      const first = await create(request);
      expect((await waitForJob(pai.url, String(first.body.ImageBuildJobId))).Status).toBe(
        "Succeeded",
      );
      const again = await create({
        ...request,
        BuildConfig: { ...request.BuildConfig, Dockerfile: "FROM busybox\nRUN echo two > /v\n" },
      });
      const refused = await waitForJob(pai.url, String(again.body.ImageBuildJobId));
      expect(refused).toMatchObject({ Status: "Failed", ReasonCode: "ImageTagExists" });
      const overwrite = await create({ ...request, OverwriteImageTag: true });
      expect((await waitForJob(pai.url, String(overwrite.body.ImageBuildJobId))).Status).toBe(
        "Succeeded",
      );
      const listed = await call(`${pai.url}/api/v1/images?Name=tagged`);
      expect(listed.body.TotalCount).toBe(1);
      expect((listed.body.Images as { SourceId: string }[])[0]?.SourceId).toBe(
        overwrite.body.ImageBuildId,
      );
    },
    BUILD_TEST_TIMEOUT_MS,
  );

  it("refuses an Image.Uri the service cannot push to, and a missing field, before building", async () => {
    const unreachable = await create(
      buildRequest({ name: "far", uri: "127.0.0.1:1/team/far:1.0" }),
    );
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.Code).toBe("InvalidParameter");
    expect(String(unreachable.body.Message)).toMatch(/^Image\.Uri: /);
    const { WorkspaceId: _w, ...noWorkspace } = buildRequest({ uri: uri("x") });
    const missing = await create(noWorkspace);
    expect(missing.body).toMatchObject({
      Code: "MissingParameter",
      Message: "WorkspaceId is required",
    });
  });
});
