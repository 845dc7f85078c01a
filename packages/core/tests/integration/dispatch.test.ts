/** dispatch against a fake PAI server: once per spec, throttling, skips, waits and requeues. */
import { createPaiClient, type PaiClient } from "@imagebuild/pai-client";
import { startPaiServer, withoutPinSuggestions } from "@imagebuild/test-support";
import { afterEach, describe, expect, it } from "vitest";
import {
  clientTokenFor,
  type DispatchEvent,
  type DispatchItem,
  dispatch,
  loadSpecs,
  memorySource,
  type PaiClientLike,
  renderRequest,
} from "../../src/index.ts";

const DEFAULTS = `apiVersion: imagebuild/v1
kind: Defaults
registry: 127.0.0.1:5000/pai
build:
  WorkspaceId: local
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise }
  BuildConfig:
    RegistryAuths:
      127.0.0.1:5000: { secret: test-registry }
`;

function specFile(name: string, policy = "immutable"): string {
  return `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    Dockerfile: |
      FROM busybox:1.36
      RUN echo ${name}
policy: { tag: ${policy} }
`;
}

async function itemsFor(
  names: string[],
  policies: Record<string, string> = {},
): Promise<DispatchItem[]> {
  const files: Record<string, string> = { "specs/_defaults.yaml": DEFAULTS };
  for (const name of names) files[`specs/${name}/1.0.0.yaml`] = specFile(name, policies[name]);
  const secretHosts = { TEST_REGISTRY: ["127.0.0.1:5000"] };
  const { specs, problems } = await loadSpecs({ source: memorySource(files), secretHosts });
  expect(withoutPinSuggestions(problems)).toEqual([]);
  const env = {
    IMAGEBUILD_SECRET_TEST_REGISTRY: "robot:s3cret-value",
    IMAGEBUILD_SECRET_HOSTS: JSON.stringify(secretHosts),
  };
  return specs.map((spec) => ({
    spec,
    request: renderRequest(spec, { secrets: "resolve", env }),
    clientToken: clientTokenFor({
      request: renderRequest(spec, { secrets: "reference" }),
      slot: "content",
    }),
  }));
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(
  options: Parameters<typeof startPaiServer>[0] = {},
  retry = { baseDelayMs: 5, maxDelayMs: 50, maxAttempts: 6 },
) {
  const pai = await startPaiServer(options);
  const client: PaiClient = createPaiClient({
    endpoint: pai.url,
    env: {},
    retry,
  });
  closers.push(
    () => client.close(),
    () => pai.close(),
  );
  return { pai, client };
}

describe("dispatch", () => {
  it("submits every spec once and a second run creates no new build", async () => {
    const { pai, client } = await setup();
    const items = await itemsFor(["a", "b", "c", "d", "e"]);
    const first = await dispatch({ client, items, concurrency: 3, ratePerSecond: 1000 });
    expect(first.map((r) => r.status)).toEqual(Array(5).fill("submitted"));
    expect(pai.stats.builds).toBe(5);
    const again = await dispatch({ client, items, concurrency: 3, ratePerSecond: 1000 });
    // The same builds again; a slow second run may also see them as replays (older than the clock skew).
    expect(again).toMatchObject(first);
    expect(pai.stats.builds).toBe(5);
    expect(pai.stats.replays).toBe(5);
  });

  it("rides out server throttling through the client's retries without duplicate builds", async () => {
    const { pai, client } = await setup(
      { ratePerSecond: 4, burst: 1 },
      { baseDelayMs: 50, maxDelayMs: 400, maxAttempts: 60 },
    );
    const items = await itemsFor(["a", "b", "c", "d", "e", "f"]);
    // Six requests at once against one allowed every 250 ms: five are throttled at least once.
    const results = await dispatch({ client, items, concurrency: 6, ratePerSecond: 1000 });
    expect(results.filter((r) => r.status !== "submitted")).toEqual([]);
    expect(pai.stats.throttled).toBeGreaterThan(0);
    expect(pai.stats.builds).toBe(6);
  });

  it("skips images that already exist unless the policy overwrites", async () => {
    const { pai, client } = await setup({
      images: [
        { ImageUri: "127.0.0.1:5000/pai/a:1.0.0" },
        { ImageUri: "127.0.0.1:5000/pai/b:1.0.0" },
      ],
    });
    const items = await itemsFor(["a", "b", "c"], { b: "overwrite" });
    const results = await dispatch({ client, items, skipExisting: true, ratePerSecond: 1000 });
    expect(results).toMatchObject([
      {
        file: "specs/a/1.0.0.yaml",
        status: "skipped",
        reason: expect.stringContaining("already exists"),
      },
      { file: "specs/b/1.0.0.yaml", status: "submitted" },
      { file: "specs/c/1.0.0.yaml", status: "submitted" },
    ]);
    expect(pai.stats.builds).toBe(2);
  });

  it("reports a failure per spec and keeps going", async () => {
    const { client } = await setup();
    const items = await itemsFor(["a", "b"]);
    const broken: PaiClientLike = {
      ...client,
      createImageBuild: (body, options) =>
        body.Image.Name === "a"
          ? Promise.reject(
              Object.assign(new Error("quota exceeded"), {
                code: "QuotaExceeded",
                retryable: false,
              }),
            )
          : client.createImageBuild(body, options),
      listImages: (query) => client.listImages(query),
    };
    const results = await dispatch({ client: broken, items, ratePerSecond: 1000 });
    expect(results).toMatchObject([
      {
        status: "failed",
        error: { code: "QuotaExceeded", message: "quota exceeded", retryable: false },
      },
      { status: "submitted" },
    ]);
  });

  it("submits again, with the same ClientToken, when the client gave up on a retryable error", async () => {
    const { pai, client } = await setup();
    const items = await itemsFor(["a"]);
    const tokens: string[] = [];
    const flaky: PaiClientLike = {
      createImageBuild: async (body, options) => {
        tokens.push(options.clientToken);
        if (tokens.length === 1) {
          await client.createImageBuild(body, options);
          throw Object.assign(new Error("response lost"), {
            code: "NetworkError",
            retryable: true,
          });
        }
        return client.createImageBuild(body, options);
      },
      listImages: (query) => client.listImages(query),
    };
    const results = await dispatch({ client: flaky, items, ratePerSecond: 1000 });
    expect(results).toMatchObject([{ status: "submitted", imageBuildId: "build-1" }]);
    expect(tokens).toEqual([items[0]?.clientToken, items[0]?.clientToken]);
    expect(pai.stats.builds).toBe(1);
  });

  it("waits with progress until every job is terminal", async () => {
    const { client } = await setup({
      failingImageNames: ["b"],
      statusesBeforeEnd: ["Queuing", "Running"],
    });
    const items = await itemsFor(["a", "b"]);
    const events: DispatchEvent[] = [];
    const waiting: PaiClientLike = {
      createImageBuild: (b, o) => client.createImageBuild(b, o),
      listImages: (q) => client.listImages(q),
      waitForJob: (id, o) => client.waitForJob(id, { ...o, pollMs: 5, maxPollMs: 10 }),
    };
    const results = await dispatch({
      client: waiting,
      items,
      wait: true,
      ratePerSecond: 1000,
      onProgress: (e) => events.push(e),
    });
    expect(results).toMatchObject([
      { status: "submitted", finalStatus: "Succeeded" },
      { status: "submitted", finalStatus: "Failed", reason: "RUN step exited with 1" },
    ]);
    const forA = events
      .filter((e) => e.file === "specs/a/1.0.0.yaml")
      .map((e) => (e.type === "status" ? e.status : e.type));
    expect(forA).toEqual(["submitted", "Queuing", "Running", "Succeeded", "finished"]);
  });

  it("never puts a resolved secret into results or events", async () => {
    const { client } = await setup();
    const items = await itemsFor(["a"]);
    const events: DispatchEvent[] = [];
    const results = await dispatch({
      client,
      items,
      ratePerSecond: 1000,
      onProgress: (e) => events.push(e),
    });
    const text = JSON.stringify({ results, events });
    expect(text).not.toContain("s3cret-value");
    expect(text).not.toContain(Buffer.from("robot:s3cret-value").toString("base64"));
  });
});
