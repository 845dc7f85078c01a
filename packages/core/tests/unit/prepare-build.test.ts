/** prepareBuild and prepareBuilds: the slot constants, one token for references and values, failures per spec. */
import { withoutPinSuggestions } from "@imagebuild/test-support";
import { describe, expect, it } from "vitest";
import {
  CONTENT_SLOT,
  clientTokenFor,
  loadSpecs,
  memorySource,
  prepareBuild,
  prepareBuilds,
  renderRequest,
  type ResolvedSpec,
  scheduleSlot,
} from "../../src/index.ts";

const SECRET = "robot:s3cret-value";
const SECRET_HOSTS = { TEST_REGISTRY: ["127.0.0.1:5000"] };
const BOUND = { IMAGEBUILD_SECRET_HOSTS: JSON.stringify(SECRET_HOSTS) };

async function loadOne(policy = "immutable"): Promise<ResolvedSpec[]> {
  const { specs, problems } = await loadSpecs({
    source: memorySource({
      "specs/tool/1.0.0.yaml": `apiVersion: imagebuild/v1
kind: ImageBuild
registry: 127.0.0.1:5000/pai
build:
  WorkspaceId: local
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise }
  BuildConfig:
    Dockerfile: "FROM busybox:1.36\\n"
    RegistryAuths:
      127.0.0.1:5000: { secret: test-registry }
policy: { tag: ${policy} }
`,
    }),
    secretHosts: SECRET_HOSTS,
  });
  expect(withoutPinSuggestions(problems)).toEqual([]);
  return specs;
}

describe("slots", () => {
  // Every ClientToken ever issued depends on these strings: changing one makes every build new.
  it("are the strings tokens were always derived from", () => {
    expect(CONTENT_SLOT).toBe("content");
    expect(scheduleSlot(new Date("2026-11-27T04:00:00Z"))).toBe(
      "schedule:2026-11-27T04:00:00.000Z",
    );
  });
});

describe("prepareBuild", () => {
  it("sends the values and derives the token from the references, in the content slot by default", async () => {
    const [spec] = (await loadOne()) as [ResolvedSpec];
    const item = prepareBuild(spec, { env: { ...BOUND, IMAGEBUILD_SECRET_TEST_REGISTRY: SECRET } });
    expect(item.request.BuildConfig.RegistryAuths?.["127.0.0.1:5000"]?.Auth).toBe(
      Buffer.from(SECRET).toString("base64"),
    );
    const referenced = renderRequest(spec, { secrets: "reference" });
    expect(item.clientToken).toBe(clientTokenFor({ request: referenced, slot: "content" }));
    const shown = prepareBuild(spec, { secrets: "reference", env: {} });
    expect(shown.request).toEqual(referenced);
    expect(shown.clientToken).toBe(item.clientToken);
    const rotated = prepareBuild(spec, {
      env: { ...BOUND, IMAGEBUILD_SECRET_TEST_REGISTRY: "robot:other-value" },
    });
    expect(rotated.clientToken).toBe(item.clientToken);
  });

  it("gives a schedule slot its own token and dates a dated tag by `now`", async () => {
    const [spec] = (await loadOne("dated")) as [ResolvedSpec];
    const run = new Date("2026-11-27T04:00:00Z");
    const content = prepareBuild(spec, { secrets: "reference", now: run });
    const scheduled = prepareBuild(spec, {
      secrets: "reference",
      now: run,
      slot: scheduleSlot(run),
    });
    expect(scheduled.clientToken).not.toBe(content.clientToken);
    expect(scheduled.request.Image.Uri).toBe("127.0.0.1:5000/pai/tool:1.0.0-20261127");
  });

  it("throws SECRET_MISSING naming the variable when a reference is unset", async () => {
    const [spec] = (await loadOne()) as [ResolvedSpec];
    expect(() => prepareBuild(spec, { env: BOUND })).toThrow(
      expect.objectContaining({
        code: "SECRET_MISSING",
        message: expect.stringContaining("IMAGEBUILD_SECRET_TEST_REGISTRY"),
      }),
    );
  });
});

describe("prepareBuilds", () => {
  it("turns a spec that cannot be rendered into a failed result and leaves out specs without a slot", async () => {
    const specs = await loadOne();
    expect(prepareBuilds({ specs, env: BOUND })).toEqual({
      items: [],
      failures: [
        {
          file: "specs/tool/1.0.0.yaml",
          status: "failed",
          error: expect.objectContaining({ code: "SECRET_MISSING", retryable: false }),
        },
      ],
    });
    expect(prepareBuilds({ specs, env: {}, slotFor: () => undefined })).toEqual({
      items: [],
      failures: [],
    });
    const run = new Date("2026-11-27T04:00:00Z");
    const { items } = prepareBuilds({
      specs,
      env: { ...BOUND, IMAGEBUILD_SECRET_TEST_REGISTRY: SECRET },
      slotFor: () => ({ slot: scheduleSlot(run), now: run }),
    });
    expect(items.map((item) => item.clientToken)).toEqual([
      prepareBuild(specs[0] as ResolvedSpec, { secrets: "reference", slot: scheduleSlot(run) })
        .clientToken,
    ]);
  });
});
