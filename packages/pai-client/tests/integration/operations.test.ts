/** Every operation's method, path, action and version; paging, waitForJob and validation both ways. */
import { type PaiServer, type Step, startPaiServer } from "@imagebuild/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { createPaiClient } from "../../src/create-pai-client.ts";
import type { Credentials } from "../../src/credentials.ts";
import { PaiError } from "../../src/pai-error.ts";
import type { VerifySignatureResult } from "../../src/verify-signature.ts";
import { ADD_IMAGE_REQUEST, BUILD_REQUEST, KEY, SECRETS } from "../fixtures/requests.ts";
import { verifyWith } from "../fixtures/verify-with.ts";

let server: PaiServer<VerifySignatureResult> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(steps: Step[], secrets: Record<string, string> | null = SECRETS) {
  server = await startPaiServer({
    script: steps,
    repeatLastStep: true,
    ...(secrets ? { verify: verifyWith(secrets) } : {}),
  });
  return server;
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as Error & Record<string, unknown>,
  );

const image = (n: number) => ({
  ImageId: `image-${String(n).padStart(18, "0")}`,
  Name: `img-${n}`,
  ImageUri: `127.0.0.1:5000/pai/img-${n}:1.0`,
});

describe("operations send the documented method, path, action and version", () => {
  it("covers every call", async () => {
    const server = await setUp([
      { status: 200, body: { TotalCount: 0, Images: [] } },
      { status: 200, body: { Name: "img", ImageUri: "r/img:1" } },
      { status: 200, body: { ImageId: "image-abcdefghijklmnopqr" } },
      { status: 200, body: { RequestId: "R" } },
      { status: 200, body: { JobId: "dlc-1", Status: "Running" } },
      { status: 200, body: { RequestId: "R" } },
    ]);
    const client = createPaiClient({ credentials: KEY, endpoint: server.url });
    await client.listImages({ WorkspaceId: "12345", PageSize: 50, Verbose: true });
    await client.getImage("image-a b", { verbose: true });
    await client.addImage(ADD_IMAGE_REQUEST);
    await client.removeImage("image-abc");
    await client.getJob("dlc-1");
    await client.stopJob("dlc-1");
    await client.close();
    expect(
      server.seen.map((r) => [
        r.method,
        r.path,
        r.query.toString(),
        r.headers["x-acs-action"],
        r.headers["x-acs-version"],
      ]),
    ).toEqual([
      [
        "GET",
        "/api/v1/images",
        "PageSize=50&Verbose=true&WorkspaceId=12345",
        "ListImages",
        "2021-02-04",
      ],
      ["GET", "/api/v1/images/image-a%20b", "Verbose=true", "GetImage", "2021-02-04"],
      ["POST", "/api/v1/images", "", "AddImage", "2021-02-04"],
      ["DELETE", "/api/v1/images/image-abc", "", "RemoveImage", "2021-02-04"],
      ["GET", "/api/v1/jobs/dlc-1", "", "GetJob", "2020-12-03"],
      ["POST", "/api/v1/jobs/dlc-1/stop", "", "StopJob", "2020-12-03"],
    ]);
    expect(server.seen.every((r) => r.verification?.ok)).toBe(true);
    expect(server.seen[2]?.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(server.seen[0]?.headers["content-type"]).toBeUndefined();
  });
});

describe("createImageBuild's trigger", () => {
  it("goes out as x-imagebuild-trigger on every attempt, outside the signature", async () => {
    const server = await setUp([
      { status: 503, body: { Code: "ServiceUnavailable", Message: "busy" } },
      { status: 200, body: { ImageBuildId: "build-1", ImageBuildJobId: "dlc-1" } },
    ]);
    const client = createPaiClient({
      credentials: KEY,
      endpoint: server.url,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    await client.createImageBuild(BUILD_REQUEST, { clientToken: "t-1", trigger: "push:9fceb02" });
    await client.createImageBuild(BUILD_REQUEST, { clientToken: "t-2" });
    await client.close();
    expect(server.seen.map((r) => r.headers["x-imagebuild-trigger"])).toEqual([
      "push:9fceb02",
      "push:9fceb02",
      undefined,
    ]);
    expect(server.seen.every((r) => r.verification?.ok)).toBe(true);
    expect(server.seen[0]?.headers.authorization).not.toContain("x-imagebuild-trigger");
  });
});

describe("listAllImages", () => {
  it("walks the pages until TotalCount images were seen", async () => {
    const server = await setUp([
      { status: 200, body: { TotalCount: 5, Images: [image(1), image(2)] } },
      { status: 200, body: { TotalCount: 5, Images: [image(3), image(4)] } },
      { status: 200, body: { TotalCount: 5, Images: [image(5)] } },
    ]);
    const client = createPaiClient({ credentials: KEY, endpoint: server.url });
    const names: string[] = [];
    for await (const page of client.listAllImages({ WorkspaceId: "12345", PageSize: 2 })) {
      names.push(...page.Images.map((i) => i.Name));
    }
    await client.close();
    expect(names).toEqual(["img-1", "img-2", "img-3", "img-4", "img-5"]);
    expect(server.seen.map((r) => r.query.get("PageNumber"))).toEqual(["1", "2", "3"]);
  });
});

describe("waitForJob", () => {
  it("polls until a terminal status and reports each change once", async () => {
    const server = await setUp([
      { status: 200, body: { JobId: "dlc-1", Status: "Creating" } },
      { status: 200, body: { JobId: "dlc-1", Status: "Running" } },
      { status: 200, body: { JobId: "dlc-1", Status: "Running" } },
      { status: 200, body: { JobId: "dlc-1", Status: "Failed", ReasonCode: "BuildFailed" } },
    ]);
    const client = createPaiClient({ credentials: KEY, endpoint: server.url });
    const statuses: string[] = [];
    const job = await client.waitForJob("dlc-1", {
      pollMs: 5,
      maxPollMs: 10,
      onStatus: (j) => statuses.push(j.Status),
    });
    await client.close();
    expect(job).toMatchObject({ Status: "Failed", ReasonCode: "BuildFailed" });
    expect(statuses).toEqual(["Creating", "Running", "Failed"]);
    expect(server.seen).toHaveLength(4);
  });

  it("ends with WaitTimeout when the job is still running at the deadline", async () => {
    const server = await setUp([{ status: 200, body: { JobId: "dlc-1", Status: "Running" } }]);
    const client = createPaiClient({ credentials: KEY, endpoint: server.url });
    const error = await caught(client.waitForJob("dlc-1", { pollMs: 5, timeoutMs: 30 }));
    await client.close();
    expect(error).toMatchObject({ name: "PaiError", code: "WaitTimeout" });
  });
});

describe("validation both ways", () => {
  it("rejects a bad request before sending anything", async () => {
    const server = await setUp([{ status: 200, body: {} }]);
    const client = createPaiClient({ credentials: KEY, endpoint: server.url });
    const bad = { ...BUILD_REQUEST, Image: { ...BUILD_REQUEST.Image, Name: "Bad Name" } };
    const error = await caught(client.createImageBuild(bad));
    const badToken = await caught(
      client.createImageBuild(BUILD_REQUEST, { clientToken: "x".repeat(65) }),
    );
    const badTrigger = await caught(
      client.createImageBuild(BUILD_REQUEST, { trigger: "webhook:abc" }),
    );
    const noId = await caught(client.getImage(""));
    const dotId = await caught(client.getJob(".."));
    await client.close();
    expect(error).toMatchObject({ code: "SCHEMA_INVALID" });
    expect(error.message).toContain("CreateImageBuild body: Image.Name: must match");
    expect(badToken.message).toContain("ClientToken");
    expect(badTrigger).toMatchObject({ code: "SCHEMA_INVALID" });
    expect(badTrigger.message).toContain(
      "CreateImageBuild options: trigger: must be push, oss, timer or cli",
    );
    expect(noId.message).toContain("ImageId");
    expect(dotId.message).toBe("path: JobId: must be a non-empty id other than . or ..");
    expect(server.seen).toHaveLength(0);
  });

  it("turns a response that breaks its schema into PaiError InvalidResponse", async () => {
    const server = await setUp([{ status: 200, body: { JobId: "dlc-1", Status: "Exploded" } }]);
    const client = createPaiClient({ credentials: KEY, endpoint: server.url });
    const error = await caught(client.getJob("dlc-1"));
    await client.close();
    expect(error).toBeInstanceOf(PaiError);
    expect(error).toMatchObject({ code: "InvalidResponse", action: "GetJob", statusCode: 200 });
    expect(error.message).toContain("Status");
  });
});

describe("credentials", () => {
  it("calls a provider on every attempt, so refreshed STS credentials sign the retry", async () => {
    const secrets = { "STS.one": "secret-one", "STS.two": "secret-two" };
    const server = await setUp(
      [
        { status: 503, body: { Code: "ServiceUnavailable", Message: "x" } },
        { status: 200, body: { JobId: "dlc-1", Status: "Queuing" } },
      ],
      secrets,
    );
    const issued: Credentials[] = [
      { accessKeyId: "STS.one", accessKeySecret: "secret-one", securityToken: "token-one" },
      { accessKeyId: "STS.two", accessKeySecret: "secret-two", securityToken: "token-two" },
    ];
    let calls = 0;
    const client = createPaiClient({
      credentials: async () => issued[calls++] ?? (issued[1] as Credentials),
      endpoint: server.url,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    await client.getJob("dlc-1");
    await client.close();
    expect(server.seen.map((r) => r.verification?.ok && r.verification.accessKeyId)).toEqual([
      "STS.one",
      "STS.two",
    ]);
    expect(server.seen.map((r) => r.headers["x-acs-security-token"])).toEqual([
      "token-one",
      "token-two",
    ]);
  });

  it("sends unsigned requests without credentials (the local service without keys)", async () => {
    const server = await setUp([{ status: 200, body: { TotalCount: 0, Images: [] } }], null);
    const client = createPaiClient({ endpoint: server.url });
    await client.listImages();
    await client.close();
    const headers = server.seen[0]?.headers ?? {};
    expect(headers.authorization).toBeUndefined();
    expect(headers["x-acs-action"]).toBe("ListImages");
    expect(headers["x-acs-signature-nonce"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("never lets the secret into an error, even when the server echoes it", async () => {
    const server = await setUp([
      { status: 400, body: `bad request, you sent ${KEY.accessKeySecret} and more` },
    ]);
    const client = createPaiClient({ credentials: KEY, endpoint: server.url });
    const error = await caught(client.getJob("dlc-1"));
    await client.close();
    expect(error).toMatchObject({ code: "Http400", statusCode: 400 });
    expect(error.message).toContain("[redacted]");
    expect(`${error.message} ${JSON.stringify(error)} ${String(error.stack)}`).not.toContain(
      KEY.accessKeySecret,
    );
  });

  it("fails with SignatureDoesNotMatch when the secret is wrong", async () => {
    const server = await setUp([{ status: 200, body: { JobId: "dlc-1", Status: "Queuing" } }]);
    const client = createPaiClient({
      credentials: { accessKeyId: KEY.accessKeyId, accessKeySecret: "wrong-secret" },
      endpoint: server.url,
    });
    const error = await caught(client.getJob("dlc-1"));
    await client.close();
    expect(error).toMatchObject({ code: "SignatureDoesNotMatch", statusCode: 400, attempts: 1 });
    expect(error.message).not.toContain("wrong-secret");
  });
});

describe("a caller's dispatcher", () => {
  it("is used for every request and left open by close()", async () => {
    const { Agent } = await import("undici");
    const server = await setUp([{ status: 200, body: { JobId: "dlc-1", Status: "Queuing" } }]);
    const dispatcher = new Agent();
    const client = createPaiClient({ credentials: KEY, endpoint: server.url, dispatcher });
    await client.getJob("dlc-1");
    await client.close();
    const again = await dispatcher.request({
      origin: server.url,
      path: "/api/v1/jobs/dlc-1",
      method: "GET",
    });
    expect(again.statusCode).toBe(400);
    await again.body.text();
    await dispatcher.close();
    expect(server.seen[0]?.verification?.ok).toBe(true);
  });
});

describe("waitForJob through a failing poll", () => {
  it("keeps polling after a poll that failed with a retryable error", async () => {
    const server = await setUp([
      { status: 200, body: { JobId: "dlc-1", Status: "Running" } },
      { status: 503, body: { Code: "ServiceUnavailable", Message: "x" } },
      { status: 200, body: { JobId: "dlc-1", Status: "Succeeded" } },
    ]);
    const client = createPaiClient({
      credentials: KEY,
      endpoint: server.url,
      retry: { maxAttempts: 1 },
    });
    const statuses: string[] = [];
    const job = await client.waitForJob("dlc-1", {
      pollMs: 5,
      onStatus: (j) => statuses.push(j.Status),
    });
    await client.close();
    expect(job.Status).toBe("Succeeded");
    expect(statuses).toEqual(["Running", "Succeeded"]);
  });

  it("stops on a final error such as NotFound", async () => {
    const server = await setUp([{ status: 404, body: { Code: "NotFound", Message: "no job" } }]);
    const client = createPaiClient({ credentials: KEY, endpoint: server.url });
    const error = await caught(client.waitForJob("dlc-x", { pollMs: 5 }));
    await client.close();
    expect(error).toMatchObject({ code: "NotFound", action: "GetJob" });
  });
});
