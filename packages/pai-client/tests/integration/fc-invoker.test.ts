/** FC InvokeFunction against a real server on port 0: signed, async headers, 409 as a duplicate task, retries. */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createFcInvoker, resolveFcEndpoint } from "../../src/fc-invoker.ts";
import { verifySignature } from "../../src/verify-signature.ts";
import { KEY, SECRETS } from "../fixtures/requests.ts";

type Seen = { path: string; headers: IncomingMessage["headers"]; body: string; signed: boolean };
let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

async function start(answers: number[]): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const started = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://x");
      const body = Buffer.concat(chunks).toString();
      const check = verifySignature({
        method: "POST",
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body,
        lookupSecret: (id) => SECRETS[id],
      });
      seen.push({
        path: url.pathname + url.search,
        headers: request.headers,
        body,
        signed: check.ok,
      });
      const status = answers[seen.length - 1] ?? answers.at(-1) ?? 202;
      response.writeHead(status, {
        "content-type": "application/json",
        "x-fc-request-id": `r${seen.length}`,
      });
      response.end(
        status >= 400 ? JSON.stringify({ Code: `E${status}`, Message: "scripted" }) : "",
      );
    });
  });
  server = started;
  await new Promise<void>((resolve) => started.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(started.address() as AddressInfo).port}`, seen };
}

const FAST = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 };

describe("createFcInvoker", () => {
  it("sends a signed async invocation with the task id", async () => {
    const { url, seen } = await start([202]);
    const fc = createFcInvoker({ endpoint: url, credentials: KEY, retry: FAST });
    const result = await fc.invoke({ functionName: "fn", payload: '{"a":1}', asyncTaskId: "d-1" });
    await fc.close();
    expect(result).toMatchObject({ statusCode: 202, duplicate: false, requestId: "r1" });
    expect(seen[0]).toMatchObject({
      path: "/2023-03-30/functions/fn/invocations",
      body: '{"a":1}',
      signed: true,
    });
    expect(seen[0]?.headers["x-fc-invocation-type"]).toBe("Async");
    expect(seen[0]?.headers["x-fc-async-task-id"]).toBe("d-1");
  });

  it("reads 409 on a reused task id as already enqueued", async () => {
    const { url } = await start([409]);
    const fc = createFcInvoker({ endpoint: url, credentials: KEY, retry: FAST });
    expect(
      await fc.invoke({ functionName: "fn", payload: "{}", asyncTaskId: "d-1" }),
    ).toMatchObject({
      duplicate: true,
    });
    await fc.close();
  });

  it("retries 503 with a task id, and not without one", async () => {
    const { url, seen } = await start([503, 503, 202]);
    const fc = createFcInvoker({ endpoint: url, credentials: KEY, retry: FAST });
    expect(
      (await fc.invoke({ functionName: "fn", payload: "{}", asyncTaskId: "d-2" })).attempts,
    ).toBe(3);
    await expect(fc.invoke({ functionName: "fn", payload: "{}" })).resolves.toMatchObject({
      attempts: 1,
    });
    expect(seen.length).toBe(4);
    await fc.close();
  });

  it("rejects a task id FC would refuse, and 4xx without retrying", async () => {
    const { url, seen } = await start([403]);
    const fc = createFcInvoker({ endpoint: url, credentials: KEY, retry: FAST });
    await expect(
      fc.invoke({ functionName: "fn", payload: "{}", asyncTaskId: "1bad" }),
    ).rejects.toThrow(/asyncTaskId/);
    await expect(
      fc.invoke({ functionName: "fn", payload: "{}", asyncTaskId: "ok" }),
    ).rejects.toMatchObject({
      statusCode: 403,
      code: "E403",
    });
    expect(seen.length).toBe(1);
    await fc.close();
  });
});

describe("resolveFcEndpoint", () => {
  it("defaults to the function's own region endpoint; IMAGEBUILD_FC_ENDPOINT wins", () => {
    expect(resolveFcEndpoint({ accountId: "1234", region: "cn-hangzhou", env: {} })).toBe(
      "https://1234.cn-hangzhou.fc.aliyuncs.com",
    );
    expect(resolveFcEndpoint({ env: { FC_ACCOUNT_ID: "9", FC_REGION: "cn-beijing" } })).toBe(
      "https://9.cn-beijing.fc.aliyuncs.com",
    );
    expect(
      resolveFcEndpoint({
        accountId: "1",
        region: "cn-hangzhou",
        env: { IMAGEBUILD_FC_ENDPOINT: "http://127.0.0.1:9/" },
      }),
    ).toBe("http://127.0.0.1:9");
    expect(() => resolveFcEndpoint({ env: {} })).toThrow(/IMAGEBUILD_FC_ENDPOINT/);
  });
});
