/** renderRequest: secret references resolved from the environment, never shown, and dated tags. */
import { describe, expect, it } from "vitest";
import {
  formatProblem,
  loadSpecs,
  memorySource,
  renderRequest,
  SecretMissingError,
} from "../../src/index.ts";

const DEFAULTS = `apiVersion: imagebuild/v1
kind: Defaults
registry: r.example.com/ml
build:
  WorkspaceId: "1"
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise }
`;
const SPEC = `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    Dockerfile: "FROM r.example.com/base/py:3.11\\n"
    RegistryAuths:
      r.example.com: { secret: acr-pull }
      mirror.example.com: { fromEnv: MIRROR_AUTH }
policy: { tag: dated }
`;

async function load() {
  const { specs, problems } = await loadSpecs({
    source: memorySource({ "specs/_defaults.yaml": DEFAULTS, "specs/py/3.11.yaml": SPEC }),
  });
  expect(problems.map(formatProblem)).toEqual([]);
  return specs[0] ?? expect.fail("no spec");
}

describe("renderRequest", () => {
  it("shows references, never values, and dates the tag with the UTC day", async () => {
    const spec = await load();
    const request = renderRequest(spec, {
      secrets: "reference",
      env: { MIRROR_AUTH: "u:leaked", IMAGEBUILD_SECRET_ACR_PULL: "u:leaked" },
      now: new Date("2026-01-31T23:59:59Z"),
    });
    expect(request.BuildConfig.RegistryAuths).toEqual({
      "mirror.example.com": { Auth: "<from env MIRROR_AUTH>" },
      "r.example.com": { Auth: "<secret acr-pull>" },
    });
    expect(request.Image.Uri).toBe("r.example.com/ml/py:3.11-20260131");
    expect(JSON.stringify(request)).not.toContain("leaked");
    expect(spec.request.Image.Uri).toBe("r.example.com/ml/py:3.11");
  });

  it("resolves user:password from the environment into base64 Auth values", async () => {
    const request = renderRequest(await load(), {
      secrets: "resolve",
      env: { MIRROR_AUTH: "mirror:pw", IMAGEBUILD_SECRET_ACR_PULL: "robot:pw" },
    });
    expect(request.BuildConfig.RegistryAuths).toEqual({
      "mirror.example.com": { Auth: Buffer.from("mirror:pw").toString("base64") },
      "r.example.com": { Auth: Buffer.from("robot:pw").toString("base64") },
    });
  });

  it("names the missing variable, never a value", async () => {
    const spec = await load();
    let error: unknown;
    try {
      renderRequest(spec, { secrets: "resolve", env: { MIRROR_AUTH: "mirror:top-secret-pw" } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SecretMissingError);
    expect(error).toMatchObject({
      code: "SECRET_MISSING",
      variable: "IMAGEBUILD_SECRET_ACR_PULL",
      registry: "r.example.com",
    });
    expect(String((error as Error).message)).toContain("IMAGEBUILD_SECRET_ACR_PULL");
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain("top-secret-pw");
  });
});
