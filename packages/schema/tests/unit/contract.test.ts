/** The CreateImageBuild contract: the seed example, required fields, enums and the limits PAI documents. */
import { describe, expect, it } from "vitest";
import { SchemaValidationError, validators } from "../../src/index.ts";

/** The seed document's example request (CreateImageBuild API page). */
const SEED_QUERY = { ClientToken: "123e4567-e89b-12d3-a456-426655440000" };
const SEED_BODY = {
  Accessibility: "PUBLIC",
  WorkspaceId: "12345",
  Resource: { EcsSpec: "ecs.c6.large" },
  TargetRegistry: { Type: "AcrEnterprise", InstanceId: "cri-abcd" },
  BuildConfig: {
    BuildType: "PackageInstallation",
    Dockerfile: "FROM ubuntu:18:04\nRUN pip3 install numpy==1.19.5",
    RegistryAuths: {
      "user-test-registry-vpc.cn-wulanchabu.cr.aliyuncs.com": { Auth: "dXNlcjp0ZXN0" },
    },
  },
  RegionId: "cn-wulanchabu",
  ImageBuildJobName: "build-my-image",
  Image: {
    Name: "test-v1",
    Description: "构建测试镜像",
    Uri: "user-test-registry-vpc.cn-wulanchabu.cr.aliyuncs.com/pai-test/pai-test:test-v1",
    Labels: [{ Key: "key1", Value: "value1" }],
  },
};

const REQUIRED_PATHS = [
  ["WorkspaceId"],
  ["Resource"],
  ["TargetRegistry"],
  ["TargetRegistry", "Type"],
  ["BuildConfig"],
  ["BuildConfig", "Dockerfile"],
  ["BuildConfig", "BuildType"],
  ["Image"],
  ["Image", "Name"],
  ["Image", "Uri"],
];

const ENUMS: { path: string[]; wrong: string }[] = [
  { path: ["Accessibility"], wrong: "public" },
  { path: ["BuildConfig", "BuildType"], wrong: "Dockerfile" },
  { path: ["TargetRegistry", "Type"], wrong: "AcrPersonal" },
  { path: ["Resource", "ResourceType"], wrong: "Gpu" },
];

function without(path: string[]): Record<string, unknown> {
  const copy = structuredClone(SEED_BODY) as Record<string, unknown>;
  const parent = path
    .slice(0, -1)
    .reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy);
  delete parent[path.at(-1) as string];
  return copy;
}

function withValue(path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(SEED_BODY) as Record<string, unknown>;
  const parent = path
    .slice(0, -1)
    .reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy);
  parent[path.at(-1) as string] = value;
  return copy;
}

describe("the seed's CreateImageBuild example", () => {
  it("validates, query and body", () => {
    expect(validators.CreateImageBuildQuery.parse(SEED_QUERY)).toEqual(SEED_QUERY);
    expect(validators.CreateImageBuildRequest.parse(SEED_BODY)).toEqual(SEED_BODY);
  });

  it.each(REQUIRED_PATHS.map((path) => ({ field: path.join("."), path })))(
    "without $field fails naming $field",
    ({ field, path }) => {
      const error = catchError(() =>
        validators.CreateImageBuildRequest.parse(without(path), { source: "request" }),
      );
      expect(error.code).toBe("SCHEMA_INVALID");
      expect(error.issues).toContainEqual({ path, code: "missing", message: "is required" });
      expect(error.message).toContain(`request: ${field}: is required`);
    },
  );

  it.each(ENUMS.map((e) => ({ ...e, field: e.path.join(".") })))(
    "$field rejects $wrong by name",
    ({ path, wrong, field }) => {
      const error = catchError(() =>
        validators.CreateImageBuildRequest.parse(withValue(path, wrong)),
      );
      expect(error.issues.map((issue) => issue.path.join("."))).toEqual([field]);
      expect(error.message).toMatch(new RegExp(`^${field.replace(".", "\\.")}: must be one of `));
    },
  );

  it("names the field of a bad image name, with its pattern", () => {
    const error = catchError(() =>
      validators.CreateImageBuildRequest.parse(withValue(["Image", "Name"], "Test_V1"), {
        source: "specs/a/1.0.yaml",
      }),
    );
    expect(error.message).toBe("specs/a/1.0.yaml: Image.Name: must match ^[a-z][a-z0-9-]{0,49}$");
  });

  it("rejects an image name over 50 characters", () => {
    expect(
      validators.CreateImageBuildRequest.safeParse(
        withValue(["Image", "Name"], `a${"b".repeat(50)}`),
      ).ok,
    ).toBe(false);
    expect(
      validators.CreateImageBuildRequest.safeParse(
        withValue(["Image", "Name"], `a${"b".repeat(49)}`),
      ).ok,
    ).toBe(true);
  });

  it("rejects a ClientToken over 64 characters or with non-ASCII", () => {
    expect(validators.CreateImageBuildQuery.safeParse({ ClientToken: "x".repeat(65) }).ok).toBe(
      false,
    );
    expect(validators.CreateImageBuildQuery.safeParse({ ClientToken: "tökén" }).ok).toBe(false);
    expect(validators.CreateImageBuildQuery.safeParse({ ClientToken: "x".repeat(64) }).ok).toBe(
      true,
    );
  });

  it("keeps RegistryAuths inside BuildConfig: at the top level it is an unknown field", () => {
    const error = catchError(() =>
      validators.CreateImageBuildRequest.parse({
        ...SEED_BODY,
        RegistryAuths: SEED_BODY.BuildConfig.RegistryAuths,
      }),
    );
    expect(error.issues).toEqual([
      { path: ["RegistryAuths"], code: "unknown", message: "is not a known field" },
    ]);
  });
});

function catchError(fn: () => unknown): SchemaValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SchemaValidationError) return error;
    throw error;
  }
  throw new Error("expected a SchemaValidationError");
}
