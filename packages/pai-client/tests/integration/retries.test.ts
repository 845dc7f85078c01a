/** Retries against a scripted server: drop, 503, throttling, timeouts, aborts and what is not retried. */
import { closedPort, type PaiServer, type Step, startPaiServer } from "@imagebuild/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { createPaiClient } from "../../src/create-pai-client.ts";
import type { PaiClientEvent } from "../../src/pai-client-event.ts";
import { PaiError } from "../../src/pai-error.ts";
import type { VerifySignatureResult } from "../../src/verify-signature.ts";
import { ADD_IMAGE_REQUEST, BUILD_REQUEST, KEY, SECRETS } from "../fixtures/requests.ts";
import { verifyWith } from "../fixtures/verify-with.ts";

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 };
let server: PaiServer<VerifySignatureResult> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(steps: Step[], extra: Parameters<typeof createPaiClient>[0] = {}) {
  server = await startPaiServer({
    script: steps,
    repeatLastStep: true,
    verify: verifyWith(SECRETS),
  });
  const events: PaiClientEvent[] = [];
  const client = createPaiClient({
    credentials: KEY,
    endpoint: server.url,
    retry: FAST_RETRY,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { server, client, events };
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as PaiError,
  );

describe("CreateImageBuild through drop, 503, throttling, then 200", () => {
  it("retries with the same ClientToken, a fresh nonce and date each time, all signed", async () => {
    const { server, client, events } = await setUp([
      "drop",
      {
        status: 503,
        body: { Code: "ServiceUnavailable", Message: "try later", RequestId: "R-503" },
      },
      {
        status: 400,
        headers: { "x-acs-retry-after": "40" },
        body: { Code: "Throttling.User", Message: "slow down", RequestId: "R-THR" },
      },
      {
        status: 200,
        body: { ImageBuildId: "build-1", ImageBuildJobId: "dlc-1", RequestId: "R-OK" },
      },
    ]);
    const result = await client.createImageBuild(BUILD_REQUEST, { clientToken: "token-abc" });
    await client.close();

    expect(result).toEqual({
      ImageBuildId: "build-1",
      ImageBuildJobId: "dlc-1",
      RequestId: "R-OK",
    });
    expect(server.seen).toHaveLength(4);
    expect(server.seen.every((r) => r.verification?.ok)).toBe(true);
    expect(server.seen.map((r) => r.query.get("ClientToken"))).toEqual(Array(4).fill("token-abc"));
    expect(server.seen.every((r) => r.method === "POST" && r.path === "/api/v1/imagebuilds")).toBe(
      true,
    );
    expect(server.seen.every((r) => r.headers["x-acs-action"] === "CreateImageBuild")).toBe(true);
    expect(server.seen.every((r) => r.headers["x-acs-version"] === "2021-02-04")).toBe(true);
    expect(new Set(server.seen.map((r) => r.headers["x-acs-signature-nonce"])).size).toBe(4);
    expect(new Set(server.seen.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(server.seen[0]?.body ?? "")).toEqual(BUILD_REQUEST);

    const retries = events.filter((e) => e.type === "retry");
    expect(retries.map((e) => e.code)).toEqual([
      "NetworkError",
      "ServiceUnavailable",
      "Throttling.User",
    ]);
    // The throttled attempt waits at least the server's x-acs-retry-after (milliseconds).
    expect(retries[2]?.type === "retry" && retries[2].delayMs).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify(events)).not.toContain(KEY.accessKeySecret);
    expect(JSON.stringify(events)).not.toMatch(/authorization/i);
  });

  it("generates one ClientToken when the caller gives none and keeps it on every attempt", async () => {
    const { server, client } = await setUp([
      { status: 500, body: { Code: "InternalError", Message: "boom" } },
      { status: 200, body: { ImageBuildId: "build-2", ImageBuildJobId: "dlc-2" } },
    ]);
    await client.createImageBuild(BUILD_REQUEST);
    await client.close();
    const tokens = server.seen.map((r) => r.query.get("ClientToken"));
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[1]).toBe(tokens[0]);
  });

  it("gives up after maxAttempts with the last error and the attempt count", async () => {
    const { server, client } = await setUp([
      { status: 503, body: { Code: "ServiceUnavailable", Message: "down", RequestId: "R-1" } },
    ]);
    const error = await caught(client.createImageBuild(BUILD_REQUEST, { clientToken: "t" }));
    await client.close();
    expect(error).toBeInstanceOf(PaiError);
    expect(error).toMatchObject({
      name: "PaiError",
      code: "ServiceUnavailable",
      statusCode: 503,
      requestId: "R-1",
      action: "CreateImageBuild",
      attempts: 4,
      retryable: true,
    });
    expect(server.seen).toHaveLength(4);
  });

  it("stops when the server asks for a wait longer than maxRetryAfterMs", async () => {
    const { server, client } = await setUp(
      [
        {
          status: 429,
          headers: { "retry-after": "120" },
          body: { Code: "Throttling", Message: "later" },
        },
      ],
      { retry: { ...FAST_RETRY, maxRetryAfterMs: 1000 } },
    );
    const error = await caught(client.listImages());
    await client.close();
    expect(error).toMatchObject({
      code: "Throttling",
      attempts: 1,
      retryAfterMs: 120_000,
      retryable: true,
    });
    expect(server.seen).toHaveLength(1);
  });
});

describe("what is not retried", () => {
  it("does not resend a POST without a ClientToken after a 503", async () => {
    const { server, client } = await setUp([
      { status: 503, body: { Code: "ServiceUnavailable", Message: "down" } },
      { status: 200, body: { ImageId: "image-abcdefghijklmnopqr" } },
    ]);
    const error = await caught(client.addImage(ADD_IMAGE_REQUEST));
    await client.close();
    expect(error).toMatchObject({ code: "ServiceUnavailable", attempts: 1, action: "AddImage" });
    expect(server.seen).toHaveLength(1);
  });

  it("does not resend a POST without a ClientToken after a dropped connection", async () => {
    const { server, client } = await setUp(["drop", { status: 200, body: { RequestId: "R" } }]);
    const error = await caught(client.stopJob("dlc-1"));
    await client.close();
    expect(error).toMatchObject({ code: "NetworkError", attempts: 1, action: "StopJob" });
    expect(server.seen).toHaveLength(1);
  });

  it("does not retry a 4xx such as NotFound, and reads the whole envelope", async () => {
    const { client } = await setUp([
      {
        status: 404,
        body: {
          Code: "NotFound",
          Message: "image image-x not found",
          RequestId: "R-404",
          HostId: "127.0.0.1",
          Recommend: "https://example.invalid/troubleshoot",
        },
      },
    ]);
    const error = await caught(client.getImage("image-x"));
    await client.close();
    expect(error).toMatchObject({
      code: "NotFound",
      statusCode: 404,
      requestId: "R-404",
      hostId: "127.0.0.1",
      recommend: "https://example.invalid/troubleshoot",
      action: "GetImage",
      attempts: 1,
      retryable: false,
    });
    expect(error.message).toBe(
      "GetImage failed (HTTP 404): NotFound: image image-x not found [request id R-404]",
    );
  });
});

describe("connection failures", () => {
  it("retries a POST without a ClientToken when the connection was refused (nothing was sent)", async () => {
    const port = await closedPort();
    const events: PaiClientEvent[] = [];
    const client = createPaiClient({
      credentials: KEY,
      endpoint: `http://127.0.0.1:${port}`,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      onEvent: (e) => events.push(e),
    });
    const error = await caught(client.addImage(ADD_IMAGE_REQUEST));
    await client.close();
    expect(error).toMatchObject({ code: "NetworkError", attempts: 3, retryable: true });
    expect(error.message).toContain("ECONNREFUSED");
    expect(events.filter((e) => e.type === "request")).toHaveLength(3);
  });

  it("reports Timeout when headers do not arrive in time", async () => {
    const { client } = await setUp(["hang"], {
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      timeouts: { headersMs: 100 },
    });
    const error = await caught(client.getJob("dlc-1"));
    await client.close();
    expect(error).toMatchObject({ code: "Timeout", attempts: 2, action: "GetJob" });
  });

  it("stops at once when the caller aborts", async () => {
    const { server, client } = await setUp(["hang"]);
    const controller = new AbortController();
    const pending = caught(client.listImages({}, { signal: controller.signal }));
    // Abort once the request is on the wire: a fixed delay could fire before the first attempt on a busy machine.
    while (server.seen.length === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const error = await pending;
    await client.close();
    expect(error).toMatchObject({ code: "Aborted", attempts: 1 });
  });
});
