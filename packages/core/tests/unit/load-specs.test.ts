/** loadSpecs: layering of defaults and overlays, problems pointing at file and field, environments. */
import { withoutPinSuggestions } from "@imagebuild/test-support";
import { describe, expect, it } from "vitest";
import {
  formatProblem,
  loadSpecs,
  memorySource,
  renderRequest,
  type SpecSource,
  specFileChecks,
} from "../../src/index.ts";

const ROOT_DEFAULTS = `apiVersion: imagebuild/v1
kind: Defaults
build:
  Resource:
    EcsSpec: ecs.c6.large
  TargetRegistry:
    Type: AcrEnterprise
environments:
  local:
    registry: 127.0.0.1:5000/pai
    build:
      WorkspaceId: local
  prod:
    registry: r.example.com/ml
    build:
      WorkspaceId: "2"
      Resource:
        EcsSpec: ecs.c6.xlarge
`;

const files = (extra: Record<string, string>) =>
  memorySource({ "specs/_defaults.yaml": ROOT_DEFAULTS, ...extra });

describe("loadSpecs", () => {
  it("reads each file once across passes that share fileChecks, with the same outcome per environment", async () => {
    const inner = files({
      "specs/tool/1.0.yaml":
        "apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Dockerfile: |\n      FROM busybox:1.36\npolicy:\n  tag: overwrite\n",
    });
    const reads: string[] = [];
    const source: SpecSource = {
      description: inner.description,
      listFiles: (prefix) => inner.listFiles(prefix),
      readFile: (file) => {
        reads.push(file);
        return inner.readFile(file);
      },
    };
    const fileChecks = specFileChecks();
    const shared = [];
    for (const env of ["local", "prod"]) shared.push(await loadSpecs({ source, env, fileChecks }));
    expect(reads.sort()).toEqual(["specs/_defaults.yaml", "specs/tool/1.0.yaml"]);
    for (const [index, env] of ["local", "prod"].entries()) {
      const alone = await loadSpecs({ source: inner, env });
      expect(shared[index]).toEqual(alone);
    }
    expect(shared[0]?.specs[0]?.request.Image.Uri).toMatch(/^127\.0\.0\.1:5000\/pai\/tool:/);
    expect(shared[1]?.specs[0]?.request.Image.Uri).toMatch(/^r\.example\.com\/ml\/tool:/);
  });

  it("layers root and folder defaults, then the overlay; lists replace, objects merge", async () => {
    const source = files({
      "specs/tool/_defaults.yaml": `apiVersion: imagebuild/v1
kind: Defaults
build:
  Image:
    Labels: [{ Key: a, Value: "1" }]
  BuildConfig:
    DockerfileFile: Dockerfile
`,
      "specs/tool/Dockerfile": "FROM busybox:1.36\n",
      "specs/tool/1.0.0.yaml": `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  Image:
    Labels: [{ Key: b, Value: "2" }]
environments:
  prod:
    build:
      Resource:
        ResourceConfig: { CPU: "4" }
`,
    });
    const { specs, problems } = await loadSpecs({ source, env: "prod" });
    expect(withoutPinSuggestions(problems)).toEqual([]);
    expect(specs[0]?.request).toEqual({
      WorkspaceId: "2",
      Resource: { EcsSpec: "ecs.c6.xlarge", ResourceConfig: { CPU: "4" } },
      TargetRegistry: { Type: "AcrEnterprise" },
      BuildConfig: { BuildType: "CustomDockerfile", Dockerfile: "FROM busybox:1.36\n" },
      Image: {
        Name: "tool",
        Uri: "r.example.com/ml/tool:1.0.0",
        Labels: [{ Key: "b", Value: "2" }],
      },
    });
    expect(specs[0]?.dockerfileFile).toBe("specs/tool/Dockerfile");
  });

  it("points problems at the file and field they came from: a defaults file, a sidecar, an inline Dockerfile line", async () => {
    const source = files({
      "specs/a/_defaults.yaml":
        "apiVersion: imagebuild/v1\nkind: Defaults\nbuild:\n  Accessibility: PRIVATE\n  Image:\n    Uri: r.example.com/ml/a:9.9\n",
      "specs/a/1.0.yaml":
        'apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Dockerfile: "FROM busybox:1.36\\n"\n',
      "specs/b/1.0.yaml":
        "apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    DockerfileFile: Dockerfile\n",
      "specs/b/Dockerfile": "FROM busybox:1.36\n\nFROM debian\n",
      "specs/c/1.0.yaml":
        "apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Dockerfile: |\n      FROM busybox:1.36\n      RUN true\n      FROM debian:latest\n",
    });
    const { problems } = await loadSpecs({ source, env: "local" });
    expect(withoutPinSuggestions(problems).map(formatProblem)).toEqual([
      'specs/a/_defaults.yaml:6:10: path-name-tag: Image.Uri: tag "9.9" does not match the file name "1.0" (for specs/a/1.0.yaml)',
      "specs/b/Dockerfile:3:1: dockerfile-pinned-from: FROM debian has no tag: pin a version (e.g. debian:<version>) or a digest",
      'specs/c/1.0.yaml:8:7: dockerfile-pinned-from: FROM debian:latest uses the tag "latest": pin a version or a digest',
    ]);
  });

  it("leaves out specs whose layers do not define the environment; an unknown one is an error", async () => {
    const plain =
      'apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Dockerfile: "FROM busybox:1.36\\n"\n';
    const source = files({
      "specs/cpu/1.0.yaml": plain,
      "specs/gpu/1.0.yaml": `${plain}environments:\n  gpu-cloud:\n    registry: r.example.com/gpu\n    build:\n      WorkspaceId: "7"\n`,
    });
    const gpu = await loadSpecs({ source, env: "gpu-cloud" });
    expect(withoutPinSuggestions(gpu.problems)).toEqual([]);
    expect(gpu.specs.map((s) => s.request.Image.Uri)).toEqual(["r.example.com/gpu/gpu:1.0"]);
    const local = await loadSpecs({ source, env: "local" });
    expect(local.specs.map((s) => s.file)).toEqual(["specs/cpu/1.0.yaml", "specs/gpu/1.0.yaml"]);
    const typo = await loadSpecs({ source, env: "prd" });
    expect(typo.specs).toEqual([]);
    expect(typo.problems.map((p) => p.ruleId)).toEqual(["unknown-environment"]);
  });

  it("loads only the requested paths, still with their defaults", async () => {
    const good =
      'apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Dockerfile: "FROM busybox:1.36\\n"\n';
    const source = files({ "specs/a/1.0.yaml": good, "specs/b/1.0.yaml": "not: [valid" });
    const { specs, problems } = await loadSpecs({ source, env: "local", paths: ["specs/a"] });
    expect(withoutPinSuggestions(problems)).toEqual([]);
    expect(
      renderRequest(specs[0] ?? expect.fail("no spec"), { secrets: "reference" }).Image.Uri,
    ).toBe("127.0.0.1:5000/pai/a:1.0");
  });

  it("rejects an injection attempt in a package name with the field named", async () => {
    const source = files({
      "specs/py/1.0.yaml":
        "apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Packages:\n      Base: debian:bookworm\n      Pip:\n        - numpy\n        - numpy; rm -rf /\n",
    });
    const { specs, problems } = await loadSpecs({ source, env: "local" });
    expect(specs).toEqual([]);
    expect(withoutPinSuggestions(problems)).toMatchObject([
      {
        ruleId: "package-syntax",
        file: "specs/py/1.0.yaml",
        line: 9,
        column: 11,
        message: expect.stringMatching(
          /^BuildConfig\.Packages\.Pip\[1\]: "numpy; rm -rf \/" is not a PEP 508 requirement: /,
        ),
      },
    ]);
  });

  it("fills registry and workspace from environmentDefaults only where no file sets them, and adds no environment", async () => {
    const dockerfile = 'build:\n  BuildConfig:\n    Dockerfile: "FROM busybox:1.36\\n"\n';
    const head = "apiVersion: imagebuild/v1\nkind: ImageBuild\n";
    const source = memorySource({
      "specs/_defaults.yaml":
        "apiVersion: imagebuild/v1\nkind: Defaults\nbuild:\n  Resource:\n    EcsSpec: ecs.c6.large\n  TargetRegistry:\n    Type: AcrEnterprise\n",
      // Opts in to `local` with an empty overlay: registry and workspace come from the hook.
      "specs/bare/1.0.yaml": `${head}${dockerfile}environments:\n  local: {}\n`,
      // Its own overlay names a registry: that wins over the hook's.
      "specs/own/1.0.yaml": `${head}${dockerfile}environments:\n  local:\n    registry: 127.0.0.1:6000/own\n`,
      // No local overlay: the hook does not make it a local spec.
      "specs/cloud/1.0.yaml": `${head}${dockerfile}environments:\n  prod:\n    registry: r.example.com/ml\n    build:\n      WorkspaceId: "2"\n`,
    });
    const environmentDefaults = {
      local: { registry: "127.0.0.1:5999/pai", workspaceId: "ws-local" },
    };
    const { specs, problems } = await loadSpecs({ source, env: "local", environmentDefaults });
    expect(withoutPinSuggestions(problems)).toEqual([]);
    expect(specs.map((s) => [s.file, s.request.Image.Uri, s.request.WorkspaceId])).toEqual([
      ["specs/bare/1.0.yaml", "127.0.0.1:5999/pai/bare:1.0", "ws-local"],
      ["specs/own/1.0.yaml", "127.0.0.1:6000/own/own:1.0", "ws-local"],
    ]);
    const without = await loadSpecs({ source, env: "local" });
    expect(without.specs).toEqual([]);
    expect(
      withoutPinSuggestions(without.problems).map((p) => [p.file, p.message.split(":")[0]]),
    ).toEqual([
      ["specs/bare/1.0.yaml", "WorkspaceId"],
      ["specs/bare/1.0.yaml", "Image.Uri"],
      ["specs/own/1.0.yaml", "WorkspaceId"],
    ]);
  });
});
