/** The base-change timer's pipeline against a fake PAI server and a scripted registry, both real HTTP servers on port 0. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createPaiClient } from "@imagebuild/pai-client";
import { type PaiServer, startPaiServer } from "@imagebuild/test-support";
import { afterEach, describe, expect, it } from "vitest";
import {
  type BaseChange,
  type BuildSpecsContext,
  buildBaseChanges,
  buildSpecs,
  CONTENT_SLOT,
  memorySource,
} from "../../src/index.ts";

const D1 = `sha256:${"1".repeat(64)}`;
const D2 = `sha256:${"2".repeat(64)}`;
const D3 = `sha256:${"3".repeat(64)}`;
const MIRROR_LOGIN = "mirror-user:mirror-password-0123";
const TICK = new Date("2026-12-01T05:00:00Z");

const DEFAULTS = `apiVersion: imagebuild/v1
kind: Defaults
registry: 127.0.0.1:5000/pai
build:
  WorkspaceId: local
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise }
`;
const spec = (from: string, policy = "") => `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    Dockerfile: "FROM ${from}\\nRUN echo hi\\n"
${policy}`;
const WATCH = (tag: string) => `policy: { tag: ${tag}, rebuild: on-base-change }\n`;
const FILES = {
  "specs/_defaults.yaml": DEFAULTS,
  "specs/watched/1.0.0.yaml": spec("busybox:1.36", WATCH("overwrite")),
  "specs/daily/1.0.0.yaml": spec("debian:bookworm", WATCH("dated")),
  "specs/pinned/1.0.0.yaml": spec(`busybox@${D1}`, WATCH("overwrite")),
  "specs/plain/1.0.0.yaml": spec("busybox:1.36"),
  "specs/fresh/1.0.0.yaml": spec("busybox:1.36", WATCH("overwrite")),
  "specs/unlabelled/1.0.0.yaml": spec("busybox:1.36", WATCH("overwrite")),
};
const label = (reference: string, digest: string) => [
  { Key: "team", Value: "platform" },
  { Key: "imagebuild.base.0", Value: `${reference}@${digest}` },
];
const SEEDED = [
  {
    Name: "watched",
    ImageUri: "127.0.0.1:5000/pai/watched:1.0.0",
    WorkspaceId: "local",
    Labels: label("docker.io/library/busybox:1.36", D1),
  },
  // A dated spec's newest day tag is its current image.
  {
    Name: "daily",
    ImageUri: "127.0.0.1:5000/pai/daily:1.0.0-20261101",
    WorkspaceId: "local",
    Labels: label("docker.io/library/debian:bookworm", D3),
  },
  {
    Name: "daily",
    ImageUri: "127.0.0.1:5000/pai/daily:1.0.0-20261120",
    WorkspaceId: "local",
    Labels: label("docker.io/library/debian:bookworm", D1),
  },
  {
    Name: "pinned",
    ImageUri: "127.0.0.1:5000/pai/pinned:1.0.0",
    WorkspaceId: "local",
    Labels: label("docker.io/library/busybox", D1),
  },
  { Name: "unlabelled", ImageUri: "127.0.0.1:5000/pai/unlabelled:1.0.0", WorkspaceId: "local" },
];

/** A registry that answers manifest HEADs from `digests` (path → digest or an HTTP status), behind Basic auth. */
async function startRegistry(digests: Record<string, string | number>) {
  const heads: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const expected = `Basic ${Buffer.from(MIRROR_LOGIN).toString("base64")}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { "www-authenticate": 'Basic realm="test"' }).end();
      return;
    }
    heads.push(`${req.method} ${req.url}`);
    const answer = digests[req.url ?? ""];
    if (typeof answer === "string") res.writeHead(200, { "docker-content-digest": answer }).end();
    else res.writeHead(answer ?? 404).end();
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, heads, digests, close: () => new Promise((done) => server.close(done)) };
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(digests: Record<string, string | number>) {
  const registry = await startRegistry(digests);
  const pai = await startPaiServer({ images: SEEDED.map((image) => ({ ...image })) });
  const client = createPaiClient({ endpoint: pai.url, env: {} });
  closers.push(
    () => client.close(),
    () => pai.close(),
    () => registry.close(),
  );
  const silent = { info() {}, warn() {}, error() {} };
  const context: BuildSpecsContext = {
    client,
    config: {
      specPrefix: "specs/",
      ratePerSecond: 1000,
      registryMirrors: { "docker.io": { host: registry.host, secret: "TEST_MIRROR" } },
    },
    log: silent,
    env: { IMAGEBUILD_SECRET_TEST_MIRROR: MIRROR_LOGIN },
  };
  const tick = () => buildBaseChanges({ source: memorySource(FILES), now: TICK, context });
  return { registry, pai, client, context, tick };
}

const BUSYBOX = "/v2/library/busybox/manifests/1.36";
const DEBIAN = "/v2/library/debian/manifests/bookworm";
const verdicts = (changes: BaseChange[]) =>
  Object.fromEntries(changes.map((change) => [change.file, change.status]));

/** Lets every build of the fake service reach Succeeded, so its image (with labels) is registered. */
async function finishBuilds(pai: PaiServer, client: ReturnType<typeof createPaiClient>) {
  for (const build of pai.builds.values()) await client.waitForJob(build.jobId, { pollMs: 1 });
}

describe("buildBaseChanges", () => {
  it("rebuilds exactly the specs whose base has a new digest, once however often the tick runs, and again for the next digest", async () => {
    const { registry, pai, client, tick } = await setup({ [BUSYBOX]: D2, [DEBIAN]: D1 });
    const first = await tick();
    expect(verdicts(first.changes)).toEqual({
      "specs/daily/1.0.0.yaml": "unchanged",
      "specs/fresh/1.0.0.yaml": "unknown",
      "specs/pinned/1.0.0.yaml": "unchanged",
      "specs/unlabelled/1.0.0.yaml": "unknown",
      "specs/watched/1.0.0.yaml": "changed",
    });
    expect(first.changes.find((c) => c.status === "changed")).toMatchObject({
      imageUri: "127.0.0.1:5000/pai/watched:1.0.0",
      changed: [{ reference: "docker.io/library/busybox:1.36", was: D1, now: D2 }],
    });
    const submitted = first.outcomes.filter((o) => o.status === "submitted").map((o) => o.file);
    expect(submitted).toEqual(["specs/watched/1.0.0.yaml"]);
    expect(first.outcomes.find((o) => o.file === "specs/unlabelled/1.0.0.yaml")).toMatchObject({
      status: "skipped",
      reason: expect.stringContaining("records no base digests"),
    });
    // The build records the digest it was compared with, and overwrite replaces the tag.
    const [build] = [...pai.builds.values()];
    expect(build?.request.Image.Uri).toBe("127.0.0.1:5000/pai/watched:1.0.0");
    expect(build?.request.OverwriteImageTag).toBe(true);
    expect(build?.request.Image.Labels).toEqual([
      { Key: "imagebuild.base.0", Value: `docker.io/library/busybox:1.36@${D2}` },
    ]);
    // One HEAD per base reference in the tick, whatever the number of specs on it; none for the pin.
    expect(registry.heads.filter((h) => h === `HEAD ${BUSYBOX}`)).toHaveLength(1);

    // A retried tick, and the next tick while the build still runs: the same slot, no new build.
    const again = await tick();
    expect(verdicts(again.changes)["specs/watched/1.0.0.yaml"]).toBe("changed");
    expect(pai.builds.size).toBe(1);
    await finishBuilds(pai, client);
    const after = await tick();
    expect(verdicts(after.changes)["specs/watched/1.0.0.yaml"]).toBe("unchanged");
    expect(after.outcomes.filter((o) => o.status === "submitted")).toEqual([]);
    expect(pai.builds.size).toBe(1);

    // Another new digest is another slot: one more build.
    registry.digests[BUSYBOX] = D3;
    await tick();
    expect(pai.builds.size).toBe(2);
  });

  it("gives a dated spec a new day tag of the tick", async () => {
    const { pai, tick } = await setup({ [BUSYBOX]: D1, [DEBIAN]: D2 });
    const { outcomes } = await tick();
    expect(outcomes.filter((o) => o.status === "submitted").map((o) => o.file)).toEqual([
      "specs/daily/1.0.0.yaml",
    ]);
    const [build] = [...pai.builds.values()];
    expect(build?.request.Image.Uri).toBe("127.0.0.1:5000/pai/daily:1.0.0-20261201");
  });

  it("leaves a dated spec whose day tag of the tick is already built for the next day's tick", async () => {
    const { registry, pai, client, tick } = await setup({ [BUSYBOX]: D1, [DEBIAN]: D2 });
    await tick();
    await finishBuilds(pai, client);
    registry.digests[DEBIAN] = D3;
    const { outcomes } = await tick();
    expect(outcomes.find((o) => o.file === "specs/daily/1.0.0.yaml")).toMatchObject({
      status: "skipped",
      reason: expect.stringContaining("1.0.0-20261201 is already built"),
    });
    expect(pai.builds.size).toBe(1);
  });

  it("reports a registry that cannot be read as a failure naming the base, retryable only when it may answer later", async () => {
    const { pai, tick } = await setup({ [BUSYBOX]: 503, [DEBIAN]: 401 });
    const { outcomes } = await tick();
    const failed = Object.fromEntries(
      outcomes.flatMap((o) => (o.status === "failed" ? [[o.file, o.error]] : [])),
    );
    expect(failed["specs/watched/1.0.0.yaml"]).toMatchObject({
      code: "BASE_DIGEST_UNAVAILABLE",
      retryable: true,
      message: expect.stringContaining("docker.io/library/busybox:1.36"),
    });
    expect(failed["specs/daily/1.0.0.yaml"]).toMatchObject({
      retryable: false,
      message: expect.stringContaining("RegistryAuths"),
    });
    expect(JSON.stringify(outcomes)).not.toContain("mirror-password");
    expect(pai.builds.size).toBe(0);
  });
});

describe("buildSpecs with on-base-change specs (the cloud half)", () => {
  it("sends each external base's digest as imagebuild.base.<n> labels, leaving other specs' requests alone", async () => {
    const { pai, context } = await setup({ [BUSYBOX]: D2 });
    await buildSpecs({
      source: memorySource(FILES),
      paths: ["specs/fresh/1.0.0.yaml", "specs/plain/1.0.0.yaml"],
      slotFor: () => ({ slot: CONTENT_SLOT }),
      context,
    });
    const byName = Object.fromEntries(
      [...pai.builds.values()].map((build) => [build.request.Image.Name, build.request]),
    );
    expect(byName.fresh?.Image.Labels).toEqual([
      { Key: "imagebuild.base.0", Value: `docker.io/library/busybox:1.36@${D2}` },
    ]);
    expect(byName.plain?.Image.Labels).toBeUndefined();
  });

  it("HEADs nothing for a dependent held for its in-repo base (not pushed yet): it waits, it does not fail", async () => {
    const { pai, registry, context } = await setup({ [BUSYBOX]: D2 });
    const files = {
      ...FILES,
      "specs/app/1.0.0.yaml": spec("imagebuild:fresh:1.0.0", WATCH("overwrite")),
    };
    const outcomes = await buildSpecs({
      source: memorySource(files),
      paths: ["specs/fresh/1.0.0.yaml", "specs/app/1.0.0.yaml"],
      slotFor: () => ({ slot: CONTENT_SLOT }),
      context: { ...context, config: { ...context.config, holdDependents: true } },
    });
    expect(outcomes.map((o) => [o.file, o.status])).toEqual([
      ["specs/app/1.0.0.yaml", "waiting"],
      ["specs/fresh/1.0.0.yaml", "submitted"],
    ]);
    expect(registry.heads).toEqual([`HEAD ${BUSYBOX}`]);
    expect(pai.builds.size).toBe(1);
  });
});
