/** renderRequest: secret references checked against their host binding, resolved from the environment, never shown, and dated tags. */
import { withoutPinSuggestions } from "@imagebuild/test-support";
import { describe, expect, it } from "vitest";
import {
  formatProblem,
  loadSpecs,
  memorySource,
  renderRequest,
  type ResolvedSpec,
  SecretMissingError,
  SecretScopeError,
} from "../../src/index.ts";

const DEFAULTS = `apiVersion: imagebuild/v1
kind: Defaults
registry: r.example.com/ml
build:
  WorkspaceId: "1"
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise }
`;
const SECRET_HOSTS = { ACR_PULL: ["r.example.com"], MIRROR: ["mirror.example.com"] };
const BOUND = { IMAGEBUILD_SECRET_HOSTS: JSON.stringify(SECRET_HOSTS) };
const SPEC = `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    Dockerfile: "FROM r.example.com/base/py:3.11\\n"
    RegistryAuths:
      r.example.com: { secret: acr-pull }
      mirror.example.com: { fromEnv: IMAGEBUILD_SECRET_MIRROR }
policy: { tag: dated }
`;

async function load() {
  const { specs, problems } = await loadSpecs({
    source: memorySource({ "specs/_defaults.yaml": DEFAULTS, "specs/py/3.11.yaml": SPEC }),
    secretHosts: SECRET_HOSTS,
  });
  expect(withoutPinSuggestions(problems).map(formatProblem)).toEqual([]);
  return specs[0] ?? expect.fail("no spec");
}

describe("renderRequest", () => {
  it("shows references, never values, and dates the tag with the UTC day", async () => {
    const spec = await load();
    const request = renderRequest(spec, {
      secrets: "reference",
      env: {
        ...BOUND,
        IMAGEBUILD_SECRET_MIRROR: "u:leaked",
        IMAGEBUILD_SECRET_ACR_PULL: "u:leaked",
      },
      now: new Date("2026-01-31T23:59:59Z"),
    });
    expect(request.BuildConfig.RegistryAuths).toEqual({
      "mirror.example.com": { Auth: "<from env IMAGEBUILD_SECRET_MIRROR>" },
      "r.example.com": { Auth: "<secret acr-pull>" },
    });
    expect(request.Image.Uri).toBe("r.example.com/ml/py:3.11-20260131");
    expect(JSON.stringify(request)).not.toContain("leaked");
    expect(spec.request.Image.Uri).toBe("r.example.com/ml/py:3.11");
  });

  it("resolves user:password from the environment into base64 Auth values", async () => {
    const request = renderRequest(await load(), {
      secrets: "resolve",
      env: {
        ...BOUND,
        IMAGEBUILD_SECRET_MIRROR: "mirror:pw",
        IMAGEBUILD_SECRET_ACR_PULL: "robot:pw",
      },
      now: new Date("2026-01-31T23:59:59Z"),
    });
    expect(request.BuildConfig.RegistryAuths).toEqual({
      "mirror.example.com": { Auth: Buffer.from("mirror:pw").toString("base64") },
      "r.example.com": { Auth: Buffer.from("robot:pw").toString("base64") },
    });
    // Credentials go only into RegistryAuths: not into the Dockerfile, labels or any other field.
    const { RegistryAuths: _auths, ...buildConfig } = request.BuildConfig;
    const rest = JSON.stringify({ ...request, BuildConfig: buildConfig });
    for (const value of ["mirror:pw", "robot:pw", "pw"]) {
      expect(rest).not.toContain(value);
      expect(rest).not.toContain(Buffer.from(value).toString("base64"));
    }
  });

  it("names the missing variable, never a value", async () => {
    const spec = await load();
    let error: unknown;
    try {
      renderRequest(spec, {
        secrets: "resolve",
        env: { ...BOUND, IMAGEBUILD_SECRET_MIRROR: "mirror:top-secret-pw" },
      });
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

/** An environment that records every variable read from it. */
function watched(values: Record<string, string>): { env: NodeJS.ProcessEnv; read: string[] } {
  const read: string[] = [];
  const env = new Proxy(values, {
    get: (target, key) => {
      if (typeof key === "string") read.push(key);
      return target[key as string];
    },
  });
  return { env, read };
}

describe("renderRequest refuses references out of scope before resolving anything", () => {
  const values = {
    IMAGEBUILD_SECRET_MIRROR: "mirror:pw",
    IMAGEBUILD_SECRET_ACR_PULL: "robot:pw",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "ak-secret-value",
  };

  it("a variable outside the namespace: SECRET_OUT_OF_SCOPE naming file and field, no variable read", async () => {
    const loaded = await load();
    const spec: ResolvedSpec = {
      ...loaded,
      registryAuthRefs: {
        ...loaded.registryAuthRefs,
        "mirror.example.com": { fromEnv: "ALIBABA_CLOUD_ACCESS_KEY_SECRET" },
      },
    };
    const { env, read } = watched({ ...BOUND, ...values });
    expect(() => renderRequest(spec, { secrets: "resolve", env })).toThrow(SecretScopeError);
    expect(() => renderRequest(spec, { secrets: "resolve", env })).toThrow(
      expect.objectContaining({
        code: "SECRET_OUT_OF_SCOPE",
        file: "specs/py/3.11.yaml",
        field: "build.BuildConfig.RegistryAuths.mirror.example.com.fromEnv",
        message: expect.stringMatching(
          /^specs\/py\/3\.11\.yaml: build\.BuildConfig\.RegistryAuths\.mirror\.example\.com\.fromEnv: ALIBABA_CLOUD_ACCESS_KEY_SECRET is outside the secret namespace/,
        ),
      }),
    );
    expect([...new Set(read)]).toEqual(["IMAGEBUILD_SECRET_HOSTS"]);
  });

  it("a host the secret is not bound to where it renders: refused, even the bound entry is not read", async () => {
    const spec = await load();
    const { env, read } = watched({
      IMAGEBUILD_SECRET_HOSTS: JSON.stringify({ ACR_PULL: ["r.example.com"] }),
      ...values,
    });
    let error: unknown;
    try {
      renderRequest(spec, { secrets: "resolve", env });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      code: "SECRET_OUT_OF_SCOPE",
      field: "build.BuildConfig.RegistryAuths.mirror.example.com.fromEnv",
      message: expect.stringContaining(
        "secret MIRROR is not bound to registry mirror.example.com (bound to no host)",
      ),
    });
    expect([...new Set(read)]).toEqual(["IMAGEBUILD_SECRET_HOSTS"]);
    expect(String((error as Error).message)).not.toContain("pw");
  });

  it("no binding at all, or a malformed one: refused; references alone still render", async () => {
    const spec = await load();
    expect(() => renderRequest(spec, { secrets: "resolve", env: values })).toThrow(
      expect.objectContaining({ code: "SECRET_OUT_OF_SCOPE" }),
    );
    expect(() =>
      renderRequest(spec, { secrets: "resolve", env: { ...values, IMAGEBUILD_SECRET_HOSTS: "[" } }),
    ).toThrow(expect.objectContaining({ code: "SECRET_HOSTS_INVALID" }));
    expect(
      renderRequest(spec, { secrets: "reference", env: {} }).BuildConfig.RegistryAuths,
    ).toEqual({
      "mirror.example.com": { Auth: "<from env IMAGEBUILD_SECRET_MIRROR>" },
      "r.example.com": { Auth: "<secret acr-pull>" },
    });
  });
});
