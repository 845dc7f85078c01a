/** defaultRegistrySource: a registry beneath every layer, for the specs of an environment that name none. */
import { describe, expect, it } from "vitest";
import { defaultRegistrySource, loadSpecs, memorySource } from "../../src/index.ts";

const DEFAULTS = `apiVersion: imagebuild/v1
kind: Defaults
environments:
  prod:
    registry: r.example.com/ml
    build:
      WorkspaceId: "2"
`;
const spec = (local: string) => `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  TargetRegistry:
    Type: AcrEnterprise
  Resource:
    EcsSpec: ecs.c6.large
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.36
environments:
  local:
${local}    build:
      WorkspaceId: local
`;
const REGISTRY = "127.0.0.1:41234/pai";

async function urisOf(files: Record<string, string>, env = "local") {
  const source = defaultRegistrySource({ source: memorySource(files), registry: REGISTRY });
  const { specs, problems } = await loadSpecs({ source, env });
  return {
    uris: Object.fromEntries(specs.map((s) => [s.file, s.request.Image.Uri])),
    problems: problems.map((p) => `${p.file}:${p.line}: ${p.message}`),
  };
}

describe("defaultRegistrySource", () => {
  it("gives the registry to specs that name none, and leaves a registry a spec or a defaults file names", async () => {
    const { uris, problems } = await urisOf({
      "specs/_defaults.yaml": DEFAULTS,
      "specs/plain/1.0.0.yaml": spec(""),
      "specs/named/1.0.0.yaml": spec("    registry: 127.0.0.1:5000/pai\n"),
      "specs/folder/_defaults.yaml":
        "apiVersion: imagebuild/v1\nkind: Defaults\nregistry: f.example.com/x\n",
      "specs/folder/1.0.0.yaml": spec(""),
      "specs/cloud/1.0.0.yaml": spec("").replace(/environments:[\s\S]*$/, ""),
    });
    expect(problems).toEqual([]);
    expect(uris).toEqual({
      "specs/plain/1.0.0.yaml": `${REGISTRY}/plain:1.0.0`,
      "specs/named/1.0.0.yaml": "127.0.0.1:5000/pai/named:1.0.0",
      "specs/folder/1.0.0.yaml": "f.example.com/x/folder:1.0.0",
    });
    // Other environments keep their own registry; an image without a local overlay stays cloud-only.
    expect(
      (
        await urisOf(
          { "specs/_defaults.yaml": DEFAULTS, "specs/plain/1.0.0.yaml": spec("") },
          "prod",
        )
      ).uris,
    ).toEqual({
      "specs/plain/1.0.0.yaml": "r.example.com/ml/plain:1.0.0",
    });
  });

  it("keeps a registry the root defaults file names, and serves one when there is no root defaults file", async () => {
    const named = await urisOf({
      "specs/_defaults.yaml": `${DEFAULTS}registry: root.example.com/team\n`,
      "specs/plain/1.0.0.yaml": spec(""),
    });
    expect(named.uris).toEqual({ "specs/plain/1.0.0.yaml": "root.example.com/team/plain:1.0.0" });
    const bare = await urisOf({ "specs/plain/1.0.0.yaml": spec("") });
    expect(bare).toEqual({
      uris: { "specs/plain/1.0.0.yaml": `${REGISTRY}/plain:1.0.0` },
      problems: [],
    });
  });

  it("a problem in the real defaults file keeps its line", async () => {
    const { problems } = await urisOf({
      "specs/_defaults.yaml": `${DEFAULTS}policy:\n  tag: sometimes\n`,
      "specs/plain/1.0.0.yaml": spec(""),
    });
    expect(problems).toEqual([expect.stringMatching(/^specs\/_defaults\.yaml:9: policy\.tag/)]);
  });
});
