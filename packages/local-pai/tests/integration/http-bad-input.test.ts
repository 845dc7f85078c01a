/** Bad input over HTTP answers 4xx naming the field, starts no build, and a client abort is logged as an abort. */
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_LABEL_FILTER_PAIRS } from "../../src/http/input-limits.ts";
import type { Logger } from "../../src/logger.ts";
import { buildRequest, call, scriptedBuilder, testService } from "../fixtures/service-harness.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function recordingLog() {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = {
    info: (msg, fields) => lines.push({ level: "info", msg, fields }),
    warn: (msg, fields) => lines.push({ level: "warn", msg, fields }),
    error: (msg, fields) => lines.push({ level: "error", msg, fields }),
    child: () => log,
  };
  return { log, lines };
}

async function start() {
  const scripted = scriptedBuilder();
  const { log, lines } = recordingLog();
  const started = await testService({ builder: scripted.builder, log });
  cleanups.push(started.cleanup);
  return { url: started.service.url, scripted, lines };
}

const labelPairs = (count: number) => Array.from({ length: count }, (_, i) => `k${i}=v`).join(",");

describe("bad input", () => {
  it("answers ListImages with more Labels pairs than the cap with 400 naming Labels, and accepts the cap", async () => {
    const { url } = await start();
    const over = await call(`${url}/api/v1/images?Labels=${encodeURIComponent(labelPairs(1_200))}`);
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({
      Code: "InvalidParameter",
      Message: `Labels: at most ${MAX_LABEL_FILTER_PAIRS} Key=Value pairs, got 1200`,
    });
    const at = await call(
      `${url}/api/v1/images?Labels=${encodeURIComponent(labelPairs(MAX_LABEL_FILTER_PAIRS))}`,
    );
    expect(at).toMatchObject({ status: 200, body: { TotalCount: 0 } });
  });

  it("answers PageSize over 100 with 400 naming PageSize", async () => {
    const { url } = await start();
    const response = await call(`${url}/api/v1/images?PageSize=1000`);
    expect(response.status).toBe(400);
    expect(String(response.body.Message)).toMatch(/^PageSize: /);
  });

  it("answers AddImage with a label without Key with 400 MissingParameter naming it", async () => {
    const { url } = await start();
    const response = await call(`${url}/api/v1/images`, {
      method: "POST",
      body: {
        Name: "tools",
        ImageUri: "127.0.0.1:5000/team/tools:1.0",
        WorkspaceId: "12345",
        Labels: [{ Key: "team", Value: "ml" }, { Value: "no key" }],
      },
    });
    expect(response).toMatchObject({
      status: 400,
      body: { Code: "MissingParameter", Message: "Labels.1.Key: is required" },
    });
  });

  it("answers CreateImageBuild with a label without Key with 400 before any build starts", async () => {
    const { url, scripted } = await start();
    const request = buildRequest();
    const response = await call(`${url}/api/v1/imagebuilds?ClientToken=bad-label`, {
      method: "POST",
      body: { ...request, Image: { ...request.Image, Labels: [{ Value: "no key" }] } },
    });
    expect(response).toMatchObject({
      status: 400,
      body: { Code: "MissingParameter", Message: "Image.Labels.0.Key: is required" },
    });
    expect(scripted.tasks).toEqual([]);
  });

  it("names at most ten issues of a body with sixty bad labels, and caps the label count naming Labels", async () => {
    const { url } = await start();
    const response = await call(`${url}/api/v1/images`, {
      method: "POST",
      body: {
        Name: "tools",
        ImageUri: "127.0.0.1:5000/team/tools:1.0",
        WorkspaceId: "12345",
        Labels: Array.from({ length: 60 }, () => ({ Key: 1 })),
      },
    });
    expect(response.status).toBe(400);
    expect(String(response.body.Message)).toMatch(/^Labels\.0\.Key: .*; and 50 more$/);
    const tooMany = await call(`${url}/api/v1/images`, {
      method: "POST",
      body: {
        Name: "tools",
        ImageUri: "127.0.0.1:5000/team/tools:1.0",
        WorkspaceId: "12345",
        Labels: Array.from({ length: 5_000 }, (_, i) => ({ Key: `k${i}` })),
      },
    });
    expect(tooMany.status).toBe(400);
    expect(String(tooMany.body.Message)).toMatch(/^Labels: .*64/);
  });

  it("treats a path starting with // as a path (404), not as another host (500)", async () => {
    const { url } = await start();
    // fetch would normalise the target, so the request line is sent as is.
    const response = await rawRequest(
      url,
      "GET //evil%20host/api/v1/images HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    expect(response).toMatch(/^HTTP\/1\.1 404 /);
  });

  it("logs an upload the client aborts as an abort, not as a failed request", async () => {
    const { url, lines } = await start();
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      'POST /api/v1/images HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"Name":',
    );
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    const deadline = Date.now() + 5_000;
    while (!lines.some((l) => l.msg === "request aborted by the client")) {
      if (Date.now() > deadline) throw new Error(`no abort logged: ${JSON.stringify(lines)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(lines.filter((l) => l.level === "error")).toEqual([]);
    expect(lines.find((l) => l.msg === "request aborted by the client")?.fields).toMatchObject({
      method: "POST",
      path: "/api/v1/images",
      receivedBytes: 8,
    });
  });
});

function rawRequest(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
      if (answer.includes("\r\n\r\n")) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on("error", reject);
  });
}
