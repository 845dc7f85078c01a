/** The new PAI operations through @imagebuild/pai-client against the real local service, checked against the official SDK models. */
import { createPaiClient, type PaiClient } from "@imagebuild/pai-client";
import { type CreateImageBuildRequest, jsonSchemas, validators } from "@imagebuild/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkMismatches } from "../fixtures/sdk-mismatches.ts";
import { SDK_MODELS } from "../fixtures/sdk-models.ts";
import { buildRequest, scriptedBuilder, testService } from "../fixtures/service-harness.ts";

const KEY = { accessKeyId: "LTAIcontract", accessKeySecret: "contract-secret" };
/** Fields the service answers that the SDK model lacks (docs/decisions/local-pai-job-pods-and-events.md). */
const EXTRAS = { StatusTransitionItem: ["Time"] } as const;

let client: PaiClient;
let cleanup: () => Promise<void>;
let scripted: ReturnType<typeof scriptedBuilder>;
const ids = { succeeded: "", failed: "", running: "", imageId: "" };

beforeAll(async () => {
  scripted = scriptedBuilder();
  const started = await testService({ builder: scripted.builder, accessKeys: [KEY] });
  cleanup = started.cleanup;
  client = createPaiClient({ endpoint: started.service.url, credentials: KEY, env: {} });
  const submit = (name: string) =>
    client.createImageBuild(
      buildRequest({ name, uri: `127.0.0.1:5000/team/${name}:1.0` }) as CreateImageBuildRequest,
    );
  ids.succeeded = (await submit("one")).ImageBuildJobId;
  ids.failed = (await submit("two")).ImageBuildJobId;
  await scripted.started(2);
  scripted.finish(ids.succeeded, { status: "Succeeded", sizeBytes: 7, digest: "sha256:1" });
  scripted.finish(ids.failed, {
    status: "Failed",
    reasonCode: "BuildFailed",
    reasonMessage: "RUN exit 1",
  });
  await client.waitForJob(ids.succeeded, { pollMs: 20 });
  await client.waitForJob(ids.failed, { pollMs: 20 });
  ids.running = (await submit("three")).ImageBuildJobId;
  await scripted.started(3);
  const listed = await client.listImages({ WorkspaceId: "12345", Name: "one" });
  ids.imageId = String(listed.Images[0]?.ImageId);
});

afterAll(async () => {
  scripted?.finish(ids.running, { status: "Succeeded", sizeBytes: 1, digest: "d" });
  await client?.close();
  await cleanup?.();
});

describe("request fields are the SDK request models' fields", () => {
  const cases = [
    { schema: jsonSchemas.ListJobsQuerySchema, model: "ListJobsRequest", drop: [] },
    { schema: jsonSchemas.GetJobQuerySchema, model: "GetJobRequest", drop: [] },
    { schema: jsonSchemas.GetPodLogsQuerySchema, model: "GetPodLogsRequest", drop: [] },
    { schema: jsonSchemas.GetJobEventsQuerySchema, model: "GetJobEventsRequest", drop: [] },
    { schema: jsonSchemas.GetPodEventsQuerySchema, model: "GetPodEventsRequest", drop: [] },
    { schema: jsonSchemas.ListEcsSpecsQuerySchema, model: "ListEcsSpecsRequest", drop: [] },
    { schema: jsonSchemas.ListImageLabelsQuerySchema, model: "ListImageLabelsRequest", drop: [] },
    { schema: jsonSchemas.AddImageLabelsRequestSchema, model: "AddImageLabelsRequest", drop: [] },
  ];
  it.each(cases)("$model", ({ schema, model }) => {
    const sdk = SDK_MODELS[model];
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(sdk?.fields ?? {}).sort());
  });

  it.each(cases.filter((c) => c.model.endsWith("Request") && c.model !== "AddImageLabelsRequest"))(
    "$model accepts the SDK's numbers and booleans as the query strings it sends",
    ({ schema, model }) => {
      const validator = Object.values(validators).find((v) => v.jsonSchema === schema);
      for (const [field, type] of Object.entries(SDK_MODELS[model]?.fields ?? {})) {
        const sample = type === "number" ? "1" : type === "boolean" ? "true" : undefined;
        if (sample) expect(validator?.safeParse({ [field]: sample }).ok, field).toBe(true);
      }
    },
  );

  it("AddImageLabels labels are the SDK's Key and Value", () => {
    const item = jsonSchemas.AddImageLabelsRequestSchema.$defs.Label.properties;
    expect(Object.keys(item).sort()).toEqual(
      Object.keys(SDK_MODELS.AddImageLabelsRequestLabels?.fields ?? {}).sort(),
    );
  });
});

describe("responses conform to the SDK response models", () => {
  it("ListJobs: ListJobsResponseBody, newest first, paged and filtered by Status", async () => {
    const page1 = await client.listJobs({ WorkspaceId: "12345", PageSize: 2, PageNumber: 1 });
    expect(sdkMismatches(page1, "ListJobsResponseBody", EXTRAS)).toEqual([]);
    expect(page1.TotalCount).toBe(3);
    expect(page1.Jobs.map((j) => j.JobId)).toEqual([ids.running, ids.failed]);
    const page2 = await client.listJobs({ WorkspaceId: "12345", PageSize: 2, PageNumber: 2 });
    expect(page2.Jobs.map((j) => j.JobId)).toEqual([ids.succeeded]);
    const failed = await client.listJobs({ WorkspaceId: "12345", Status: "Failed,Stopped" });
    expect(failed.Jobs.map((j) => j.JobId)).toEqual([ids.failed]);
    const asc = await client.listJobs({
      Order: "asc",
      JobIds: `${ids.succeeded},${ids.running}`,
      ShowOwn: true,
    });
    expect(asc.Jobs.map((j) => j.JobId)).toEqual([ids.succeeded, ids.running]);
    const old = await client.listJobs({ EndTime: "2020-01-01T00:00:00Z" });
    expect(old.TotalCount).toBe(0);
  });

  it("ListJobs names an SDK filter the local service does not apply", async () => {
    await expect(client.listJobs({ PaymentType: "PostPaid" })).rejects.toMatchObject({
      code: "InvalidParameter",
      message: expect.stringContaining("PaymentType: not supported by the local service"),
    });
  });

  it("GetJob: GetJobResponseBody with one pod", async () => {
    const job = await client.getJob(ids.failed);
    expect(sdkMismatches(job, "GetJobResponseBody", EXTRAS)).toEqual([]);
    expect(job.Pods).toHaveLength(1);
    expect(job.Pods?.[0]).toMatchObject({
      PodId: `${ids.failed}-worker-0`,
      Status: "Failed",
      Type: "Worker",
    });
    expect(job.StatusHistory?.at(-1)).toMatchObject({
      Status: "Failed",
      ReasonCode: "BuildFailed",
    });
    expect(job.StatusHistory?.[0]?.EndTime).toBe(job.StatusHistory?.[1]?.StartTime);
  });

  it("GetPodLogs: GetPodLogsResponseBody, the last MaxLines lines of the build log", async () => {
    const pod = (await client.getJob(ids.failed)).Pods?.[0];
    const all = await client.getPodLogs(ids.failed, String(pod?.PodId));
    expect(sdkMismatches(all, "GetPodLogsResponseBody")).toEqual([]);
    expect(all).toMatchObject({ JobId: ids.failed, PodId: pod?.PodId, PodUid: pod?.PodUid });
    expect(all.Logs).toContain("building 127.0.0.1:5000/team/two:1.0");
    const last = await client.getPodLogs(ids.failed, String(pod?.PodId), {
      MaxLines: 1,
      PodUid: pod?.PodUid,
    });
    expect(last.Logs).toEqual(all.Logs.slice(-1));
    await expect(client.getPodLogs(ids.failed, "other-pod")).rejects.toMatchObject({
      statusCode: 404,
      code: "NotFound",
    });
  });

  it("GetJobEvents and GetPodEvents: their response bodies, one line per status change", async () => {
    const job = await client.getJobEvents(ids.failed);
    expect(sdkMismatches(job, "GetJobEventsResponseBody")).toEqual([]);
    expect(job.Events[0]).toMatch(/^\S+Z Normal Creating$/);
    expect(job.Events.at(-1)).toMatch(/ Warning Failed BuildFailed: RUN exit 1$/);
    const pod = await client.getPodEvents(ids.failed, `${ids.failed}-worker-0`, {
      MaxEventsNum: 2,
    });
    expect(sdkMismatches(pod, "GetPodEventsResponseBody")).toEqual([]);
    expect(pod.Events).toEqual(job.Events.slice(-2));
    const none = await client.getJobEvents(ids.failed, { EndTime: "2020-01-01T00:00:00Z" });
    expect(none.Events).toEqual([]);
  });

  it("image labels: ListImageLabels, AddImageLabels, RemoveImageLabels", async () => {
    await client.addImage({
      Name: "extra",
      ImageUri: "127.0.0.1:5000/team/extra:1.0",
      WorkspaceId: "12345",
      Labels: [{ Key: "team", Value: "ml" }],
    });
    const added = await client.addImageLabels(ids.imageId, {
      Labels: [
        { Key: "stage", Value: "released" },
        { Key: "team", Value: "infra" },
      ],
    });
    expect(sdkMismatches(added, "AddImageLabelsResponseBody")).toEqual([]);
    const one = await client.listImageLabels({ ImageId: ids.imageId });
    expect(sdkMismatches(one, "ListImageLabelsResponseBody")).toEqual([]);
    expect(one.Labels).toEqual([
      { Key: "stage", Value: "released" },
      { Key: "team", Value: "infra" },
    ]);
    const keyed = await client.listImageLabels({ WorkspaceId: "12345", LabelKeys: "team" });
    expect(keyed.Labels).toEqual([
      { Key: "team", Value: "infra" },
      { Key: "team", Value: "ml" },
    ]);
    const filtered = await client.listImageLabels({
      WorkspaceId: "12345",
      LabelFilter: "stage=released",
    });
    expect(filtered.TotalCount).toBe(2);
    const removed = await client.removeImageLabels(ids.imageId, "stage");
    expect(sdkMismatches(removed, "RemoveImageLabelsResponseBody")).toEqual([]);
    expect((await client.getImage(ids.imageId, { verbose: true })).Labels).toEqual([
      { Key: "team", Value: "infra" },
    ]);
  });

  it("PublishImage: PublishImageResponseBody, and the image is PUBLIC", async () => {
    const published = await client.publishImage(ids.imageId);
    expect(sdkMismatches(published, "PublishImageResponseBody")).toEqual([]);
    expect(published.ImageId).toBe(ids.imageId);
    expect((await client.getImage(ids.imageId)).Accessibility).toBe("PUBLIC");
  });

  it("ListEcsSpecs: ListEcsSpecsResponseBody, filtered, sorted and paged", async () => {
    const specs = await client.listEcsSpecs({
      AcceleratorType: "CPU",
      SortBy: "Memory",
      Order: "desc",
      PageSize: 3,
    });
    expect(sdkMismatches(specs, "ListEcsSpecsResponseBody")).toEqual([]);
    expect(specs.EcsSpecs).toHaveLength(3);
    const memory = specs.EcsSpecs.map((s) => s.Memory ?? 0);
    expect(memory).toEqual([...memory].sort((a, b) => b - a));
    const one = await client.listEcsSpecs({ InstanceTypes: "ecs.c6.large" });
    expect(one).toMatchObject({
      TotalCount: 1,
      EcsSpecs: [{ InstanceType: "ecs.c6.large", Cpu: 2, Memory: 4 }],
    });
  });

  it("DeleteJob: DeleteJobResponseBody; a running job is refused, a deleted one is gone", async () => {
    await expect(client.deleteJob(ids.running)).rejects.toMatchObject({ code: "IncorrectStatus" });
    const deleted = await client.deleteJob(ids.succeeded);
    expect(sdkMismatches(deleted, "DeleteJobResponseBody")).toEqual([]);
    expect(deleted.JobId).toBe(ids.succeeded);
    await expect(client.getJob(ids.succeeded)).rejects.toMatchObject({ statusCode: 404 });
    expect((await client.listJobs({ WorkspaceId: "12345" })).TotalCount).toBe(2);
  });
});
