/** buildSpecs against a fake PAI server on port 0: a result per spec, one build per spec however often it runs. */
import { createPaiClient } from "@imagebuild/pai-client";
import { afterEach, describe, expect, it } from "vitest";
import {
  type BuildSpecsContext,
  buildSpecs,
  CONTENT_SLOT,
  memorySource,
  scheduleSlot,
} from "../../src/index.ts";
import { startPaiServer } from "@imagebuild/test-support";

const SECRET = "robot:s3cret-value";
const KEY_SECRET = "access-key-secret-value";

const DEFAULTS = `apiVersion: imagebuild/v1
kind: Defaults
registry: 127.0.0.1:5000/pai
build:
  WorkspaceId: local
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise }
environments:
  local: {}
`;

const spec = (auth = "") => `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    Dockerfile: "FROM busybox:1.36\\n"
${auth}`;

const FILES = {
  "specs/_defaults.yaml": DEFAULTS,
  "specs/good/1.0.0.yaml": spec(),
  "specs/nosecret/1.0.0.yaml": spec(
    "    RegistryAuths:\n      127.0.0.1:5000: { secret: unset-registry }\n",
  ),
  "specs/authed/1.0.0.yaml": spec(
    "    RegistryAuths:\n      127.0.0.1:5000: { fromEnv: IMAGEBUILD_SECRET_TEST_REGISTRY }\n",
  ),
  // Out of scope: a variable outside the namespace, and a secret sent to a host it is not bound to.
  "specs/outside/1.0.0.yaml": spec(
    "    RegistryAuths:\n      127.0.0.1:5000: { fromEnv: ALIBABA_CLOUD_ACCESS_KEY_SECRET }\n",
  ),
  "specs/unbound/1.0.0.yaml": spec(
    "    RegistryAuths:\n      attacker.example.com: { secret: test-registry }\n",
  ),
  "specs/bad/1.0.0.yaml": `${spec()}  WorkspaceId: 7\n`,
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(config: Partial<BuildSpecsContext["config"]> = {}) {
  const pai = await startPaiServer();
  const client = createPaiClient({ endpoint: pai.url, env: {} });
  closers.push(
    () => client.close(),
    () => pai.close(),
  );
  const lines: string[] = [];
  const log = {
    info: (msg: string, fields?: Record<string, unknown>) =>
      lines.push(JSON.stringify({ msg, ...fields })),
    warn: (msg: string, fields?: Record<string, unknown>) =>
      lines.push(JSON.stringify({ msg, ...fields })),
    error: (msg: string, fields?: Record<string, unknown>) =>
      lines.push(JSON.stringify({ msg, ...fields })),
  };
  const context: BuildSpecsContext = {
    client,
    config: { specPrefix: "specs/", specEnv: "local", ratePerSecond: 1000, ...config },
    log,
    env: {
      IMAGEBUILD_SECRET_TEST_REGISTRY: SECRET,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY_SECRET,
      IMAGEBUILD_SECRET_HOSTS: JSON.stringify({
        TEST_REGISTRY: ["127.0.0.1:5000"],
        UNSET_REGISTRY: ["127.0.0.1:5000"],
      }),
    },
  };
  return { pai, context, lines };
}

describe("buildSpecs", () => {
  it("sends the run's trigger with every build it submits, and none when it has none", async () => {
    const { pai, context } = await setup();
    const paths = ["specs/good/1.0.0.yaml", "specs/authed/1.0.0.yaml"];
    const run = (trigger?: string) =>
      buildSpecs({
        source: memorySource(FILES),
        paths,
        slotFor: () => ({ slot: CONTENT_SLOT }),
        context: { ...context, ...(trigger ? { trigger } : {}) },
      });
    await run("push:9fceb02");
    await run();
    const creates = pai.seen.filter((request) => request.path === "/api/v1/imagebuilds");
    expect(creates.map((request) => request.headers["x-imagebuild-trigger"])).toEqual([
      "push:9fceb02",
      "push:9fceb02",
      undefined,
      undefined,
    ]);
  });

  it("answers every requested file and builds each valid spec once, however often it runs", async () => {
    const { pai, context, lines } = await setup();
    const run = () =>
      buildSpecs({
        source: memorySource(FILES),
        paths: [...Object.keys(FILES).slice(1), "specs/gone/1.0.0.yaml"],
        slotFor: () => ({ slot: CONTENT_SLOT }),
        context,
      });
    const first = await run();
    expect(first.map((o) => [o.file, o.status])).toEqual([
      ["specs/authed/1.0.0.yaml", "submitted"],
      ["specs/bad/1.0.0.yaml", "invalid"],
      ["specs/gone/1.0.0.yaml", "skipped"],
      ["specs/good/1.0.0.yaml", "submitted"],
      ["specs/nosecret/1.0.0.yaml", "failed"],
      ["specs/outside/1.0.0.yaml", "invalid"],
      ["specs/unbound/1.0.0.yaml", "invalid"],
    ]);
    expect(first[5]).toMatchObject({
      problems: [
        expect.stringMatching(
          /^specs\/outside\/1\.0\.0\.yaml:\d+:\d+: secret-scope: build\.BuildConfig\.RegistryAuths\.127\.0\.0\.1:5000\.fromEnv: ALIBABA_CLOUD_ACCESS_KEY_SECRET is outside the secret namespace/,
        ),
      ],
    });
    expect(first[6]).toMatchObject({
      problems: [
        expect.stringMatching(
          /^specs\/unbound\/1\.0\.0\.yaml:\d+:\d+: secret-scope: build\.BuildConfig\.RegistryAuths\.attacker\.example\.com\.secret: secret TEST_REGISTRY is not bound to registry attacker\.example\.com/,
        ),
      ],
    });
    expect(first[1]).toMatchObject({
      problems: [expect.stringMatching(/^specs\/bad\/1\.0\.0\.yaml:\d+:\d+: /)],
    });
    expect(first[4]).toMatchObject({ error: { code: "SECRET_MISSING", retryable: false } });
    const again = await run();
    expect(again.map((o) => o.status)).toEqual(first.map((o) => o.status));
    expect(pai.stats.builds).toBe(2);
    expect(pai.stats.replays).toBe(2);
    expect(lines.join("\n")).not.toContain(SECRET);
    expect(lines.join("\n")).not.toContain(KEY_SECRET);
    // Nothing of the out-of-scope specs reached the server, and no value but the bound one did.
    const bodies = pai.seen.map((request) => request.body).join("\n");
    expect(bodies).not.toContain("attacker.example.com");
    expect(bodies).not.toContain(Buffer.from(KEY_SECRET).toString("base64"));
    expect(bodies).not.toContain("outside");
    expect(lines.join("\n")).not.toContain(Buffer.from(SECRET).toString("base64"));
  });

  it("builds what `select` keeps, once per slot", async () => {
    const { pai, context } = await setup();
    const build = (slot: string) =>
      buildSpecs({
        source: memorySource(FILES),
        select: (s) => s.file === "specs/good/1.0.0.yaml",
        slotFor: () => ({ slot }),
        context,
      });
    const monday = scheduleSlot(new Date("2026-11-23T04:00:00Z"));
    expect((await build(monday)).filter((o) => o.status === "submitted")).toHaveLength(1);
    await build(monday);
    await build(scheduleSlot(new Date("2026-11-30T04:00:00Z")));
    expect(pai.stats.builds).toBe(2);
  });
});
