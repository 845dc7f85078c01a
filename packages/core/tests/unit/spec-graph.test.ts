/** Spec references, the dependency graph, cycles, build order, with-base rebuilds and build args. */
import { withoutPinSuggestions } from "@imagebuild/test-support";
import { describe, expect, it } from "vitest";
import {
  buildOrder,
  formatGraph,
  formatProblem,
  loadSpecs,
  memorySource,
  nextBuilds,
  prepareBuild,
  renderRequest,
  specGraph,
  type DispatchItem,
  type ResolvedSpec,
} from "../../src/index.ts";
import { dependentsToRebuild } from "../../src/rebuild-with-base.ts";

const DEFAULTS = `apiVersion: imagebuild/v1
kind: Defaults
build:
  WorkspaceId: "12345"
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise, InstanceId: cri-example }
environments:
  prod:
    registry: acr.example.com/ml
  local:
    registry: 127.0.0.1:5000/pai
`;

function spec(dockerfile: string, extra = ""): string {
  const body = dockerfile
    .trim()
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
  return `apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Dockerfile: |\n${body}\n${extra}`;
}

const FILES = {
  "specs/_defaults.yaml": DEFAULTS,
  "specs/base/1.0.0.yaml": spec(
    "FROM debian:bookworm\nRUN echo base > /base",
    "policy: { tag: dated }\n",
  ),
  "specs/base/1.2.0.yaml": spec("FROM debian:bookworm\nRUN echo base > /base"),
  "specs/base/1.10.0.yaml": spec("FROM debian:bookworm\nRUN echo base > /base"),
  "specs/app/1.0.0.yaml": spec(
    "FROM imagebuild:base:1.0.0 AS build\nRUN echo imagebuild:base:1.0.0\nFROM busybox:1.36\nCOPY --from=imagebuild:base:latest /base /base\nCOPY --from=build /base /b",
    "policy: { tag: overwrite, rebuild: with-base }\n",
  ),
};
const NOW = new Date("2026-03-04T05:06:07Z");

describe("naming another spec's image", () => {
  it("resolves per environment to that environment's URI, dated tags and :latest included", async () => {
    for (const [env, registry] of [
      ["local", "127.0.0.1:5000/pai"],
      ["prod", "acr.example.com/ml"],
    ]) {
      const { specs, problems } = await loadSpecs({ source: memorySource(FILES), env });
      expect(withoutPinSuggestions(problems).map(formatProblem)).toEqual([]);
      const app = specs.find((s) => s.imageName === "app") as ResolvedSpec;
      const dockerfile = renderRequest(app, { secrets: "reference", now: NOW }).BuildConfig
        .Dockerfile;
      expect(dockerfile).toBe(
        [
          `FROM ${registry}/base:1.0.0-20260304 AS build`,
          // Only FROM and COPY --from are images; other text keeps the words.
          "RUN echo imagebuild:base:1.0.0",
          "FROM busybox:1.36",
          `COPY --from=${registry}/base:1.10.0 /base /base`,
          "COPY --from=build /base /b",
          "",
        ].join("\n"),
      );
    }
  });

  it("loads a named spec that was not selected, so `build app` alone still resolves it", async () => {
    const { specs, problems } = await loadSpecs({
      source: memorySource(FILES),
      env: "local",
      paths: ["specs/app/1.0.0.yaml"],
    });
    expect(withoutPinSuggestions(problems)).toEqual([]);
    expect(specs.map((s) => s.file)).toEqual(["specs/app/1.0.0.yaml"]);
    expect(specs[0]?.bases.map((b) => b.spec?.file)).toEqual([
      "specs/base/1.0.0.yaml",
      undefined,
      "specs/base/1.10.0.yaml",
    ]);
  });

  it("a spec's ClientToken follows its base's image: a new latest version is a new request", async () => {
    const token = async (files: Record<string, string>) => {
      const { specs } = await loadSpecs({ source: memorySource(files), env: "local" });
      return prepareBuild(specs.find((s) => s.imageName === "app") as ResolvedSpec, {
        secrets: "reference",
        now: NOW,
      }).clientToken;
    };
    const before = await token(FILES);
    expect(
      await token({ ...FILES, "specs/base/1.11.0.yaml": FILES["specs/base/1.2.0.yaml"] }),
    ).not.toBe(before);
  });

  it("reports an unknown spec, a spec not built in the environment, and a FROM of another environment's registry", async () => {
    const load = async (dockerfile: string, env = "prod") =>
      (
        await loadSpecs({
          source: memorySource({
            ...FILES,
            "specs/broken/1.0.0.yaml": spec("FROM busybox"),
            "specs/app/1.0.0.yaml": spec(dockerfile),
          }),
          env,
        })
      ).problems.map(formatProblem);
    expect(
      (await load("FROM imagebuild:base:9.9.9")).filter((l) => l.startsWith("specs/app")),
    ).toEqual([
      "specs/app/1.0.0.yaml:6:7: spec-reference: FROM imagebuild:base:9.9.9: no spec specs/base/9.9.9.yaml: name an image folder and version file of specs/",
    ]);
    expect(await load("FROM imagebuild:broken:1.0.0", "local")).toContain(
      'specs/app/1.0.0.yaml:6:7: spec-reference: FROM imagebuild:broken:1.0.0: specs/broken/1.0.0.yaml is not built in environment "local" (no overlay for it) or has errors of its own',
    );
    expect(
      await load("FROM busybox:1.36\nCOPY --from=127.0.0.1:5000/pai/base:1.2.0 /a /a"),
    ).toContain(
      'specs/app/1.0.0.yaml:7:7: foreign-registry: COPY 127.0.0.1:5000/pai/base:1.2.0 pulls from 127.0.0.1:5000, the registry of environment "local", not of "prod": name the spec (imagebuild:<image>:<version>) so each environment gets its own image, or an image "prod" can pull',
    );
  });
});

describe("the dependency graph", () => {
  it("has in-repo edges, external bases, and the build order bases first", async () => {
    const { specs } = await loadSpecs({ source: memorySource(FILES), env: "local" });
    const graph = specGraph(specs);
    expect(graph.edges).toEqual([
      {
        from: "specs/app/1.0.0.yaml",
        to: "specs/base/1.0.0.yaml",
        reference: "imagebuild:base:1.0.0",
      },
      {
        from: "specs/app/1.0.0.yaml",
        to: "specs/base/1.10.0.yaml",
        reference: "imagebuild:base:latest",
      },
    ]);
    expect(graph.external).toContainEqual({
      from: "specs/app/1.0.0.yaml",
      reference: "busybox:1.36",
    });
    expect(graph.order.at(-1)).toBe("specs/app/1.0.0.yaml");
    expect(graph.cycles).toEqual([]);
    expect(formatGraph(graph, "mermaid")).toContain("s0 --> s3");
  });

  it("rejects a cycle, naming every file in it at each FROM", async () => {
    const files = {
      "specs/_defaults.yaml": DEFAULTS,
      "specs/a/1.0.0.yaml": spec("FROM imagebuild:c:1.0.0"),
      "specs/b/1.0.0.yaml": spec("FROM imagebuild:a:1.0.0"),
      "specs/c/1.0.0.yaml": spec("FROM imagebuild:b:1.0.0"),
    };
    const { problems } = await loadSpecs({ source: memorySource(files), env: "local" });
    const cycle =
      "dependency cycle: specs/a/1.0.0.yaml → specs/c/1.0.0.yaml → specs/b/1.0.0.yaml → specs/a/1.0.0.yaml";
    expect(problems.map((p) => `${p.file}:${p.line} ${p.ruleId}`)).toEqual([
      "specs/a/1.0.0.yaml:6 dependency-cycle",
      "specs/b/1.0.0.yaml:6 dependency-cycle",
      "specs/c/1.0.0.yaml:6 dependency-cycle",
    ]);
    for (const p of problems) expect(p.message).toContain(cycle);
  });

  it("orders ties by file and puts cycle members last", () => {
    const bases: Record<string, string[]> = { c: ["a"], b: [], a: [], x: ["y"], y: ["x"] };
    expect(buildOrder(["x", "y", "c", "b", "a"], (f) => bases[f] ?? [])).toEqual([
      "a",
      "b",
      "c",
      "x",
      "y",
    ]);
  });

  it("rebuilds with-base dependents of a built base, transitively", async () => {
    const { specs } = await loadSpecs({ source: memorySource(FILES), env: "local" });
    expect([...dependentsToRebuild({ specs, built: ["specs/base/1.10.0.yaml"] })]).toEqual([
      ["specs/app/1.0.0.yaml", "specs/base/1.10.0.yaml"],
    ]);
    expect(dependentsToRebuild({ specs, built: ["specs/base/1.2.0.yaml"] }).size).toBe(0);
  });

  it("rebuilds an on-base-change dependent of a built base too: a rebuilt in-repo base is a base change", async () => {
    const files = {
      ...FILES,
      "specs/watcher/1.0.0.yaml": spec(
        "FROM imagebuild:base:1.2.0\nRUN echo w > /w",
        "policy: { tag: overwrite, rebuild: on-base-change }\n",
      ),
    };
    const { specs } = await loadSpecs({ source: memorySource(files), env: "local" });
    expect([...dependentsToRebuild({ specs, built: ["specs/base/1.2.0.yaml"] })]).toEqual([
      ["specs/watcher/1.0.0.yaml", "specs/base/1.2.0.yaml"],
    ]);
  });
});

describe("nextBuilds", () => {
  const item = (file: string, bases: string[]) =>
    ({
      spec: { file, bases: bases.map((b) => ({ spec: { file: b } })) },
    }) as unknown as DispatchItem;
  const items = [item("a", []), item("b", ["a"]), item("c", ["b"]), item("d", [])];
  const files = (list: DispatchItem[]) => list.map((i) => i.spec.file);

  it("starts bases first, then a dependent once its base succeeded", () => {
    expect(files(nextBuilds({ items, outcomes: {} }).ready)).toEqual(["a", "d"]);
    const next = nextBuilds({ items, outcomes: { a: "succeeded", d: "running" } });
    expect(files(next.ready)).toEqual(["b"]);
    expect(next.waiting).toBe(1);
  });

  it("blocks the dependents of a failed base, transitively, with the reason", () => {
    const { ready, blocked } = nextBuilds({
      items,
      outcomes: { a: { failed: "Failed: RUN exited 1" }, d: "succeeded" },
    });
    expect(ready).toEqual([]);
    expect(blocked).toEqual([
      { file: "b", reason: "not built: a did not succeed (Failed: RUN exited 1)" },
      {
        file: "c",
        reason:
          "not built: b did not succeed (not built: a did not succeed (Failed: RUN exited 1))",
      },
    ]);
  });
});

describe("build args", () => {
  const files = {
    "specs/_defaults.yaml": `${DEFAULTS}    build:\n      args: { MIRROR: "http://127.0.0.1:8080/debian" }\n`,
    "specs/tool/1.0.0.yaml": `${spec(
      `ARG SUITE\nFROM debian:\${SUITE}\nARG MIRROR=https://deb.example.org/debian \\\n  EXTRA=1\nRUN echo $MIRROR`,
    )}  args:\n    SUITE: bookworm\n`,
  };

  it("become the Dockerfile's ARG defaults, from the spec, defaults and the overlay; lines keep their numbers", async () => {
    const { specs, problems } = await loadSpecs({ source: memorySource(files), env: "local" });
    expect(withoutPinSuggestions(problems)).toEqual([]);
    expect(specs[0]?.request.BuildConfig.Dockerfile).toBe(
      `ARG SUITE=bookworm\nFROM debian:\${SUITE}\nARG MIRROR=http://127.0.0.1:8080/debian EXTRA=1\n\nRUN echo $MIRROR\n`,
    );
    const prod = await loadSpecs({ source: memorySource(files), env: "prod" });
    expect(prod.specs[0]?.request.BuildConfig.Dockerfile).toContain(
      "ARG MIRROR=https://deb.example.org/debian \\\n  EXTRA=1\n",
    );
  });
});
