/** Signed mode, workspace-limited AccessKeys and per-key flow control over HTTP. */
import { formatAcsDate, signRequest } from "@imagebuild/pai-client";
import { afterEach, describe, expect, it } from "vitest";
import { buildRequest, instantBuilder, testService } from "../fixtures/service-harness.ts";

const KEY = { accessKeyId: "LTAIlocaltest", accessKeySecret: "local-secret-do-not-print" };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function signedService(
  extra: Parameters<typeof testService>[0] = { builder: instantBuilder },
) {
  const started = await testService({ accessKeys: [KEY], ...extra });
  cleanups.push(started.cleanup);
  return started.service;
}

async function send(
  baseUrl: string,
  {
    method = "GET",
    path,
    query = {},
    body,
    action,
    secret = KEY.accessKeySecret,
    date,
    nonce,
    tamper,
  }: {
    method?: string;
    path: string;
    query?: Record<string, string>;
    body?: string;
    action: string;
    secret?: string;
    date?: Date;
    nonce?: string;
    tamper?: (headers: Record<string, string>) => void;
  },
) {
  const host = new URL(baseUrl).host;
  const { headers } = signRequest({
    method,
    host,
    path,
    query,
    headers: {
      "x-acs-action": action,
      "x-acs-version": "2021-02-04",
      ...(body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
    },
    body,
    credentials: { accessKeyId: KEY.accessKeyId, accessKeySecret: secret },
    date,
    nonce,
  });
  tamper?.(headers);
  const search = new URLSearchParams(query).toString();
  const response = await fetch(`${baseUrl}${path}${search ? `?${search}` : ""}`, {
    method,
    headers,
    body,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

describe("signed mode", () => {
  it("accepts a valid ACS3 signature, with and without a body", async () => {
    const service = await signedService();
    const list = await send(service.url, {
      path: "/api/v1/images",
      query: { WorkspaceId: "12345" },
      action: "ListImages",
    });
    expect(list.status).toBe(200);
    const create = await send(service.url, {
      method: "POST",
      path: "/api/v1/imagebuilds",
      query: { ClientToken: "signed-1" },
      body: JSON.stringify(buildRequest()),
      action: "CreateImageBuild",
    });
    expect(create.status).toBe(200);
    expect(create.body.ImageBuildJobId).toMatch(/^dlc-/);
  });

  it("rejects an unsigned request with IncompleteSignature", async () => {
    const service = await signedService();
    const response = await fetch(`${service.url}/api/v1/images`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { Code: string }).Code).toBe("IncompleteSignature");
  });

  it("rejects a forged signature (wrong secret) and a tampered body with SignatureDoesNotMatch, without printing the secret", async () => {
    const service = await signedService();
    const forged = await send(service.url, {
      path: "/api/v1/images",
      action: "ListImages",
      secret: "guessed-secret",
    });
    expect(forged).toMatchObject({ status: 400, body: { Code: "SignatureDoesNotMatch" } });
    expect(forged.text).not.toContain(KEY.accessKeySecret);
    const tampered = await send(service.url, {
      method: "POST",
      path: "/api/v1/imagebuilds",
      body: JSON.stringify(buildRequest()),
      action: "CreateImageBuild",
      tamper: (headers) => {
        headers.authorization = String(headers.authorization).replace(
          /Signature=[0-9a-f]{4}/,
          "Signature=0000",
        );
      },
    });
    expect(tampered.body.Code).toBe("SignatureDoesNotMatch");
  });

  it("rejects a reused nonce with SignatureNonceUsed, even after a restart", async () => {
    const started = await testService({ accessKeys: [KEY], builder: instantBuilder });
    const first = await send(started.service.url, {
      path: "/api/v1/images",
      action: "ListImages",
      nonce: "n-123",
    });
    expect(first.status).toBe(200);
    const replay = await send(started.service.url, {
      path: "/api/v1/images",
      action: "ListImages",
      nonce: "n-123",
    });
    expect(replay).toMatchObject({ status: 400, body: { Code: "SignatureNonceUsed" } });
    await started.service.close();
    const restarted = await testService({
      accessKeys: [KEY],
      builder: instantBuilder,
      dataDir: started.dataDir,
    });
    cleanups.push(async () => {
      await restarted.cleanup();
      await started.cleanup();
    });
    const afterRestart = await send(restarted.service.url, {
      path: "/api/v1/images",
      action: "ListImages",
      nonce: "n-123",
    });
    expect(afterRestart.body.Code).toBe("SignatureNonceUsed");
  });

  it("rejects a date more than 15 minutes off with InvalidTimeStamp.Expired", async () => {
    const service = await signedService();
    const late = await send(service.url, {
      path: "/api/v1/images",
      action: "ListImages",
      date: new Date(Date.now() - 16 * 60 * 1000),
    });
    expect(late).toMatchObject({ status: 400, body: { Code: "InvalidTimeStamp.Expired" } });
    const early = await send(service.url, {
      path: "/api/v1/images",
      action: "ListImages",
      date: new Date(Date.now() + 16 * 60 * 1000),
    });
    expect(early.body.Code).toBe("InvalidTimeStamp.Expired");
    expect(formatAcsDate(new Date())).toMatch(/Z$/);
  });

  it("answers 404 InvalidAccessKeyId.NotFound for an unknown AccessKey ID", async () => {
    const service = await signedService();
    const response = await send(service.url, {
      path: "/api/v1/images",
      action: "ListImages",
      tamper: (headers) => {
        headers.authorization = String(headers.authorization).replace(KEY.accessKeyId, "LTAIother");
      },
    });
    expect(response).toMatchObject({ status: 404, body: { Code: "InvalidAccessKeyId.NotFound" } });
  });
});

describe("AccessKeys limited to workspaces", () => {
  it("answers 403 Forbidden.RAM outside the key's workspaces, for new and existing resources", async () => {
    const limited = {
      accessKeyId: "LTAIlimited",
      accessKeySecret: "limited-secret",
      workspaces: ["w2"],
    };
    const started = await testService({ accessKeys: [KEY, limited], builder: instantBuilder });
    cleanups.push(started.cleanup);
    const url = started.service.url;
    const created = await send(url, {
      method: "POST",
      path: "/api/v1/imagebuilds",
      body: JSON.stringify(buildRequest()),
      action: "CreateImageBuild",
    });
    expect(created.status).toBe(200);
    const asLimited = (options: Parameters<typeof send>[1]) =>
      send(url, {
        ...options,
        secret: limited.accessKeySecret,
        tamper: (headers) => {
          headers.authorization = String(headers.authorization).replace(
            KEY.accessKeyId,
            limited.accessKeyId,
          );
        },
      });
    const denied = await asLimited({
      method: "POST",
      path: "/api/v1/imagebuilds",
      body: JSON.stringify(buildRequest()),
      action: "CreateImageBuild",
    });
    expect(denied).toMatchObject({ status: 403, body: { Code: "Forbidden.RAM" } });
    const job = await asLimited({
      path: `/api/v1/jobs/${String(created.body.ImageBuildJobId)}`,
      action: "GetJob",
    });
    expect(job.body.Code).toBe("Forbidden.RAM");
    const all = await asLimited({ path: "/api/v1/images", action: "ListImages" });
    expect(all.body.Code).toBe("Forbidden.RAM");
    const own = await asLimited({
      path: "/api/v1/images",
      query: { WorkspaceId: "w2" },
      action: "ListImages",
    });
    expect(own.status).toBe(200);
  });
});

describe("flow control", () => {
  it("answers 400 Throttling.User with x-acs-retry-after once a caller's bucket is empty", async () => {
    const started = await testService({
      builder: instantBuilder,
      rateLimit: { requestsPerSecond: 0.01, burst: 3 },
    });
    cleanups.push(started.cleanup);
    const statuses: number[] = [];
    let throttled: Response | undefined;
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${started.service.url}/api/v1/images`);
      statuses.push(response.status);
      if (response.status === 400) throttled = response;
      else await response.text();
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses[3]).toBe(400);
    if (!throttled) throw new Error("no request was throttled");
    expect(((await throttled.json()) as { Code: string }).Code).toBe("Throttling.User");
    expect(Number(throttled.headers.get("x-acs-retry-after"))).toBeGreaterThan(0);
  });
});
