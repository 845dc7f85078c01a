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
    "    RegistryAuths:\n      127.0.0.1:5000: { fromEnv: UNSET_REGISTRY_AUTH }\n",
  ),
  "specs/authed/1.0.0.yaml": spec(
    "    RegistryAuths:\n      127.0.0.1:5000: { fromEnv: TEST_REGISTRY_AUTH }\n",
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
    env: { TEST_REGISTRY_AUTH: SECRET },
  };
  return { pai, context, lines };
}

describe("buildSpecs", () => {
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
    ]);
    expect(first[1]).toMatchObject({
      problems: [expect.stringMatching(/^specs\/bad\/1\.0\.0\.yaml:\d+:\d+: /)],
    });
    expect(first[4]).toMatchObject({ error: { code: "SECRET_MISSING", retryable: false } });
    const again = await run();
    expect(again.map((o) => o.status)).toEqual(first.map((o) => o.status));
    expect(pai.stats.builds).toBe(2);
    expect(pai.stats.replays).toBe(2);
    expect(lines.join("\n")).not.toContain(SECRET);
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
