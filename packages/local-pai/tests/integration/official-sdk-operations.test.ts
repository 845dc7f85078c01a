/** The official SDK's client (@alicloud/openapi-client), signing as it does for the cloud, against the real local service for the new operations. */
import * as Credentials from "@alicloud/credentials";
import * as OpenApi from "@alicloud/openapi-client";
import * as Util from "@alicloud/tea-util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkMismatches } from "../fixtures/sdk-mismatches.ts";
import { buildRequest, instantBuilder, testService } from "../fixtures/service-harness.ts";

const KEY = { accessKeyId: "LTAIsdk", accessKeySecret: "sdk-secret" };
const EXTRAS = { StatusTransitionItem: ["Time"] } as const;

// CommonJS interop: Node puts module.exports on `default`, whose own `default` is the class.
function cjsDefault<T>(namespace: { default: T }): T {
  const value = namespace.default as unknown as { default?: T };
  return value.default ?? namespace.default;
}
const Client = cjsDefault(OpenApi);
const Credential = cjsDefault(Credentials);

let url = "";
let cleanup: () => Promise<void>;
let sdk: InstanceType<typeof Client>;

beforeAll(async () => {
  const started = await testService({ builder: instantBuilder, accessKeys: [KEY] });
  cleanup = started.cleanup;
  url = started.service.url;
  const credential = new Credential(new Credentials.Config({ type: "access_key", ...KEY }));
  sdk = new Client(
    new OpenApi.Config({ credential, endpoint: new URL(url).host, protocol: "HTTP" }),
  );
});
afterAll(() => cleanup?.());

/** One call as the SDK's generated client.ts makes it: pathname, method, version, query or body. */
async function callSdk(
  action: string,
  method: string,
  pathname: string,
  version: string,
  request: { query?: Record<string, string>; body?: unknown } = {},
): Promise<Record<string, unknown>> {
  const params = new OpenApi.Params({
    action,
    version,
    protocol: "HTTP",
    pathname,
    method,
    authType: "AK",
    style: "ROA",
    reqBodyType: "json",
    bodyType: "json",
  });
  const response = await sdk.callApi(
    params,
    new OpenApi.OpenApiRequest(request),
    new Util.RuntimeOptions({}),
  );
  return response.body as Record<string, unknown>;
}

const DLC = "2020-12-03";
const WS = "2021-02-04";

describe("the official SDK client against the local service", () => {
  it("ListJobs, GetJob, GetPodLogs, GetJobEvents, GetPodEvents, ListEcsSpecs, DeleteJob", async () => {
    const created = await callSdk("CreateImageBuild", "POST", "/api/v1/imagebuilds", WS, {
      query: { ClientToken: "sdk-ops-1" },
      body: buildRequest({ name: "sdk-ops" }),
    });
    const jobId = String(created.ImageBuildJobId);
    // The harness poller is unsigned; this service wants signatures, so poll through the SDK.
    for (let i = 0; i < 200; i += 1) {
      const seen = await callSdk("GetJob", "GET", `/api/v1/jobs/${jobId}`, DLC);
      if (seen.Status === "Succeeded") break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const listed = await callSdk("ListJobs", "GET", "/api/v1/jobs", DLC, {
      query: { WorkspaceId: "12345", PageNumber: "1", PageSize: "10", ShowOwn: "true" },
    });
    expect(sdkMismatches(listed, "ListJobsResponseBody", EXTRAS)).toEqual([]);
    expect(listed.TotalCount).toBe(1);
    const job = await callSdk("GetJob", "GET", `/api/v1/jobs/${jobId}`, DLC, {
      query: { NeedDetail: "true" },
    });
    expect(sdkMismatches(job, "GetJobResponseBody", EXTRAS)).toEqual([]);
    const podId = String((job.Pods as { PodId: string }[])[0]?.PodId);
    const logs = await callSdk(
      "GetPodLogs",
      "GET",
      `/api/v1/jobs/${jobId}/pods/${podId}/logs`,
      DLC,
      {
        query: { MaxLines: "100" },
      },
    );
    expect(sdkMismatches(logs, "GetPodLogsResponseBody")).toEqual([]);
    expect((logs.Logs as string[]).at(-1)).toContain("status Succeeded");
    const jobEvents = await callSdk("GetJobEvents", "GET", `/api/v1/jobs/${jobId}/events`, DLC);
    expect(sdkMismatches(jobEvents, "GetJobEventsResponseBody")).toEqual([]);
    const podEvents = await callSdk(
      "GetPodEvents",
      "GET",
      `/api/v1/jobs/${jobId}/pods/${podId}/events`,
      DLC,
    );
    expect(sdkMismatches(podEvents, "GetPodEventsResponseBody")).toEqual([]);
    const specs = await callSdk("ListEcsSpecs", "GET", "/api/v1/ecsspecs", DLC, {
      query: { AcceleratorType: "CPU" },
    });
    expect(sdkMismatches(specs, "ListEcsSpecsResponseBody")).toEqual([]);
    const deleted = await callSdk("DeleteJob", "DELETE", `/api/v1/jobs/${jobId}`, DLC);
    expect(sdkMismatches(deleted, "DeleteJobResponseBody")).toEqual([]);
  });

  it("ListImageLabels, AddImageLabels, RemoveImageLabels, PublishImage (PUT)", async () => {
    const added = await callSdk("AddImage", "POST", "/api/v1/images", WS, {
      body: {
        Name: "sdk-labels",
        ImageUri: "127.0.0.1:5000/team/sdk-labels:1.0",
        WorkspaceId: "12345",
      },
    });
    const imageId = String(added.ImageId);
    const labelled = await callSdk(
      "AddImageLabels",
      "POST",
      `/api/v1/images/${imageId}/labels`,
      WS,
      {
        body: { Labels: [{ Key: "stage", Value: "rc" }] },
      },
    );
    expect(sdkMismatches(labelled, "AddImageLabelsResponseBody")).toEqual([]);
    const listed = await callSdk("ListImageLabels", "GET", "/api/v1/image/labels", WS, {
      query: { ImageId: imageId },
    });
    expect(sdkMismatches(listed, "ListImageLabelsResponseBody")).toEqual([]);
    expect(listed.Labels).toEqual([{ Key: "stage", Value: "rc" }]);
    const removed = await callSdk(
      "RemoveImageLabels",
      "DELETE",
      `/api/v1/images/${imageId}/labels/stage`,
      WS,
    );
    expect(sdkMismatches(removed, "RemoveImageLabelsResponseBody")).toEqual([]);
    const published = await callSdk("PublishImage", "PUT", `/api/v1/images/${imageId}/publish`, WS);
    expect(sdkMismatches(published, "PublishImageResponseBody")).toEqual([]);
    expect(published.ImageId).toBe(imageId);
  });
});
