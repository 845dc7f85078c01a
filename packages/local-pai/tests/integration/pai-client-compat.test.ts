/** The project's own PAI client, signed, against the service: the shapes and errors it expects. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildTrigger, createPaiClient } from "@imagebuild/pai-client";
import type { CreateImageBuildRequest } from "@imagebuild/schema";
import { afterEach, describe, expect, it } from "vitest";
import { CONSOLE_TOKEN_FILE } from "../../src/console/console-token.ts";
import { buildRequest, scriptedBuilder, testService } from "../fixtures/service-harness.ts";

const KEY = { accessKeyId: "LTAIcompat", accessKeySecret: "compat-secret" };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("@imagebuild/pai-client against the local service", () => {
  it("creates, follows, stops and lists through signed calls, and gets typed errors", async () => {
    const scripted = scriptedBuilder();
    const { service, cleanup } = await testService({
      builder: scripted.builder,
      accessKeys: [KEY],
    });
    cleanups.push(cleanup);
    const client = createPaiClient({ endpoint: service.url, credentials: KEY, env: {} });
    cleanups.push(() => client.close());

    const request = buildRequest() as CreateImageBuildRequest;
    const created = await client.createImageBuild(request, { clientToken: "compat-1" });
    const again = await client.createImageBuild(request, { clientToken: "compat-1" });
    expect(again.ImageBuildId).toBe(created.ImageBuildId);
    scripted.finish(created.ImageBuildJobId, { status: "Succeeded", sizeBytes: 7, digest: "d" });
    const job = await client.waitForJob(created.ImageBuildJobId);
    expect(job.Status).toBe("Succeeded");
    const listed = await client.listImages({ WorkspaceId: "12345", Verbose: true });
    expect(listed.Images[0]).toMatchObject({ SourceId: created.ImageBuildId, SourceType: "Build" });
    const image = await client.getImage(String(listed.Images[0]?.ImageId), { verbose: true });
    expect(image.Labels).toEqual([{ Key: "team", Value: "ml" }]);

    const second = await client.createImageBuild(
      buildRequest({ name: "two" }) as CreateImageBuildRequest,
    );
    await scripted.started(2);
    await client.stopJob(second.ImageBuildJobId);
    expect((await client.waitForJob(second.ImageBuildJobId)).Status).toBe("Stopped");

    await expect(
      client.createImageBuild(buildRequest({ name: "other" }) as CreateImageBuildRequest, {
        clientToken: "compat-1",
      }),
    ).rejects.toMatchObject({ code: "IdempotentParameterMismatch" });
    await expect(client.getJob("dlc-missing")).rejects.toMatchObject({ statusCode: 404 });
  });

  it("sends the trigger outside the signature: the service verifies the call and records it", async () => {
    const scripted = scriptedBuilder();
    const { service, dataDir, cleanup } = await testService({
      builder: scripted.builder,
      accessKeys: [KEY],
    });
    cleanups.push(cleanup);
    const client = createPaiClient({ endpoint: service.url, credentials: KEY, env: {} });
    cleanups.push(() => client.close());
    const pushed = await client.createImageBuild(buildRequest() as CreateImageBuildRequest, {
      trigger: buildTrigger({ kind: "push", detail: "9fceb02d0ae598e95dc970b74767f19372d61af8" }),
    });
    const uploaded = await client.createImageBuild(
      buildRequest({ name: "two" }) as CreateImageBuildRequest,
      { trigger: buildTrigger({ kind: "oss", detail: "specs/数据/1.0.yaml" }) },
    );

    const token = readFileSync(join(dataDir, CONSOLE_TOKEN_FILE), "utf8").trim();
    const login = await fetch(`${service.url}/console/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
      redirect: "manual",
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const page = async (jobId: string) =>
      (await fetch(`${service.url}/builds/${jobId}`, { headers: { cookie } })).text();
    expect(await page(pushed.ImageBuildJobId)).toContain(
      "push <code>9fceb02d0ae598e95dc970b74767f19372d61af8</code>",
    );
    expect(await page(uploaded.ImageBuildJobId)).toContain(
      "OSS <code>specs/%E6%95%B0%E6%8D%AE/1.0.yaml</code>",
    );
  });
});
