/** The console over plain HTTP: signed-mode sign-in, no secrets in pages, the trigger header, stop, the event stream. */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CONSOLE_TOKEN_FILE } from "../../src/console/console-token.ts";
import {
  buildRequest,
  call,
  instantBuilder,
  scriptedBuilder,
  tempDataDir,
  testService,
  waitForJob,
} from "../fixtures/service-harness.ts";

const KEY = { accessKeyId: "LTAIconsoletest", accessKeySecret: "console-secret-do-not-print" };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(options: Parameters<typeof testService>[0]) {
  const result = await testService(options);
  cleanups.push(result.cleanup);
  return result;
}

/** Reads server-sent events until `until` returns true for one, then closes the stream. */
async function readEvents(
  url: string,
  until: (event: { event: string; data: string }) => boolean,
): Promise<{ event: string; data: string }[]> {
  const response = await fetch(url);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const events: { event: string; data: string }[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
      if (event === undefined) continue;
      const data = lines
        .filter((l) => l.startsWith("data: "))
        .map((l) => l.slice(6))
        .join("\n");
      events.push({ event, data });
      // Returning from the loop cancels the response body, which closes the stream.
      if (until({ event, data })) return events;
    }
  }
  return events;
}

describe("console in signed mode", () => {
  it("asks for the token kept in <data>/console-token (0600), signs in with it, and keeps it across restarts", async () => {
    const temp = tempDataDir();
    cleanups.push(temp.cleanup);
    const first = await started({
      dataDir: temp.dataDir,
      accessKeys: [KEY],
      builder: instantBuilder,
    });
    const tokenPath = join(temp.dataDir, CONSOLE_TOKEN_FILE);
    expect(statSync(tokenPath).mode & 0o777).toBe(0o600);
    const token = readFileSync(tokenPath, "utf8").trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const signIn = await fetch(`${first.service.url}/`);
    expect(signIn.status).toBe(401);
    const form = await signIn.text();
    expect(form).toContain('<input id="token" name="token" type="password"');
    expect(form).not.toContain(token);
    expect(form).not.toContain(KEY.accessKeySecret);
    for (const path of ["/console/events", "/console/builds/dlc-x/events"]) {
      expect((await fetch(`${first.service.url}${path}`)).status).toBe(401);
    }

    const login = (candidate: string) =>
      fetch(`${first.service.url}/console/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token: candidate }).toString(),
        redirect: "manual",
      });
    const wrong = await login("not-the-token");
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("That token is not this service");
    const right = await login(token);
    expect(right.status).toBe(303);
    const cookie = (right.headers.get("set-cookie") ?? "").split(";")[0] as string;
    expect(right.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await fetch(`${first.service.url}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>Builds</h1>");
    expect(html).not.toContain(KEY.accessKeySecret);

    // The PAI API is still signed: a console cookie opens no API.
    const api = await call(`${first.service.url}/api/v1/images`, { headers: { cookie } });
    expect(api.status).toBe(400);

    await first.service.close();
    await started({ dataDir: temp.dataDir, accessKeys: [KEY], builder: instantBuilder });
    expect(readFileSync(tokenPath, "utf8").trim()).toBe(token);
  });

  it("unsigned mode has no token and no sign-in", async () => {
    const { service, dataDir } = await started({ builder: instantBuilder });
    expect((await fetch(`${service.url}/`)).status).toBe(200);
    expect(() => statSync(join(dataDir, CONSOLE_TOKEN_FILE))).toThrow();
  });
});

describe("console pages", () => {
  it("show the trigger header's value and never a registry credential", async () => {
    const { service } = await started({ builder: instantBuilder });
    const auth = Buffer.from("robot:registry-password-do-not-print").toString("base64");
    const request = buildRequest({ name: "secretive" });
    const created = await call(`${service.url}/api/v1/imagebuilds`, {
      method: "POST",
      headers: { "x-imagebuild-trigger": "oss:specs/secretive/1.0.yaml" },
      body: {
        ...request,
        BuildConfig: {
          ...request.BuildConfig,
          RegistryAuths: { "127.0.0.1:5000": { Auth: auth } },
        },
      },
    });
    expect(created.status).toBe(200);
    const jobId = String(created.body.ImageBuildJobId);
    await waitForJob(service.url, jobId);
    const front = await (await fetch(`${service.url}/`)).text();
    expect(front).toContain("OSS <code>specs/secretive/1.0.yaml</code>");
    const page = await (await fetch(`${service.url}/builds/${jobId}`)).text();
    for (const html of [front, page]) {
      expect(html).not.toContain(auth);
      expect(html).not.toContain("registry-password-do-not-print");
    }
    expect(page).toContain("<h1>secretive:1.0</h1>");
  });

  it("refuse a malformed trigger header with 400 InvalidParameter and leave other paths to the API", async () => {
    const { service } = await started({ builder: instantBuilder });
    const bad = await call(`${service.url}/api/v1/imagebuilds`, {
      method: "POST",
      headers: { "x-imagebuild-trigger": "webhook:abc" },
      body: buildRequest(),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.Code).toBe("InvalidParameter");
    expect(String(bad.body.Message)).toMatch(
      /^x-imagebuild-trigger: must be push, oss, timer or cli/,
    );
    const unknown = await call(`${service.url}/api/v1/nothing`);
    expect(unknown.body.Code).toBe("InvalidApi.NotFound");
    expect((await fetch(`${service.url}/builds/dlc-none`)).status).toBe(404);
  });

  it("stream a running build's lines, then its full log and end; stop needs the console header", async () => {
    const scripted = scriptedBuilder();
    const { service } = await started({ builder: scripted.builder });
    const created = await call(`${service.url}/api/v1/imagebuilds`, {
      method: "POST",
      body: buildRequest(),
    });
    const jobId = String(created.body.ImageBuildJobId);
    await scripted.started(1);
    const first = await readEvents(
      `${service.url}/console/builds/${jobId}/events`,
      (e) => e.event === "line" && e.data.startsWith("building "),
    );
    expect(first.filter((e) => e.event === "line").map((e) => e.data)).toContain(
      "[local-pai] status Running",
    );

    const stopUrl = `${service.url}/console/builds/${jobId}/stop`;
    expect((await fetch(stopUrl, { method: "POST" })).status).toBe(403);
    const stopped = await fetch(stopUrl, {
      method: "POST",
      headers: { "x-imagebuild-console": "stop" },
    });
    expect(stopped.status).toBe(202);
    expect(await stopped.json()).toEqual({ result: "stopping" });
    expect((await waitForJob(service.url, jobId)).Status).toBe("Stopped");

    const rest = await readEvents(
      `${service.url}/console/builds/${jobId}/events`,
      (e) => e.event === "end",
    );
    expect(rest.map((e) => e.event).slice(-3)).toEqual(["summary", "log", "end"]);
    expect(rest.at(-1)?.data).toBe("Stopped");
  });

  it("push the front page's rows when a build is submitted", async () => {
    const { service } = await started({ builder: instantBuilder });
    const events = readEvents(
      `${service.url}/console/events`,
      (e) => e.event === "builds" && e.data.includes("Succeeded"),
    );
    await call(`${service.url}/api/v1/imagebuilds`, { method: "POST", body: buildRequest() });
    const seen = await events;
    expect(seen[0]?.data).toContain("No builds yet");
    expect(seen.at(-1)?.data).toContain('data-status="Succeeded"');
  });
});
