/** plan over a real git repository: new, changed, immutable and skipped specs. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPaiClient } from "@imagebuild/pai-client";
import { startPaiServer, withoutPinSuggestions } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPlan, formatProblem, type PlanEntry, plan } from "../../src/index.ts";

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  HOME: tmpdir(),
};
const DEFAULTS = (ecs: string) => `apiVersion: imagebuild/v1
kind: Defaults
registry: r.example.com/ml
build:
  WorkspaceId: "12345"
  Resource: { EcsSpec: ${ecs} }
  TargetRegistry: { Type: AcrEnterprise }
`;
const spec = (run: string, tag = "immutable", comment = "") => `${comment}apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    Dockerfile: |
      FROM busybox:1.36
      RUN ${run}
policy:
  tag: ${tag}
`;

let repo: string;
const git = (...args: string[]) =>
  execFileSync("git", ["-C", repo, ...args], { env: GIT_ENV, encoding: "utf8" });
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
};
const commit = (message: string) => {
  git("add", "-A");
  git("commit", "-q", "-m", message);
};
const byFile = (entries: PlanEntry[]) =>
  Object.fromEntries(entries.map((e) => [e.file, [e.action, e.reason]]));

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), "imagebuild-plan-"));
  git("init", "-q", "-b", "main");
  write("specs/_defaults.yaml", DEFAULTS("ecs.c6.large"));
  write("specs/a/1.0.0.yaml", spec("echo a"));
  write("specs/b/1.0.0.yaml", spec("echo b", "overwrite"));
  write("specs/c/1.0.0.yaml", spec("echo c"));
  write("specs/e/1.0.0.yaml", spec("echo e"));
  write("specs/h/1.0.0.yaml", spec("echo h"));
  write("specs/o/1.0.0.yaml", spec("echo o", "overwrite"));
  commit("initial specs");
  git("checkout", "-q", "-b", "feature");
  write("specs/d/1.0.0.yaml", spec("echo d"));
  write("specs/b/1.0.0.yaml", spec("echo b2", "overwrite"));
  write("specs/c/1.0.0.yaml", spec("echo c", "immutable", "# only a comment changed\n"));
  commit("add d, change b, comment c");
  unlinkSync(path.join(repo, "specs/e/1.0.0.yaml"));
  write("specs/a/1.0.0.yaml", spec("echo a-changed"));
  write("specs/_defaults.yaml", DEFAULTS("ecs.c6.xlarge"));
  commit("remove e, change a, bigger builders");
  git("checkout", "-q", "main");
  write("specs/f/1.0.0.yaml", spec("echo f"));
  commit("main moves on: add f");
  git("checkout", "-q", "feature");
  write("specs/g/1.0.0.yaml", spec("echo g"));
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("plan over a real git repository", () => {
  it("compares the working tree with the merge base of main", async () => {
    const result = await plan({ repoDir: repo });
    expect(result.base).toBe(git("merge-base", "HEAD", "main").trim());
    expect(result.head).toBe("working tree");
    expect(byFile(result.entries)).toEqual({
      "specs/a/1.0.0.yaml": [
        "rebuild",
        "spec changed, but the version is immutable (see the immutable-version problem)",
      ],
      "specs/b/1.0.0.yaml": ["rebuild", "spec changed; policy.tag is overwrite"],
      "specs/c/1.0.0.yaml": [
        "unchanged",
        "inherited defaults changed the request; immutable versions are not rebuilt",
      ],
      "specs/d/1.0.0.yaml": ["create", "new version"],
      "specs/e/1.0.0.yaml": [
        "removed",
        "spec deleted; the image stays in the registry and the workspace",
      ],
      "specs/g/1.0.0.yaml": ["create", "new version"],
      "specs/h/1.0.0.yaml": [
        "unchanged",
        "inherited defaults changed the request; immutable versions are not rebuilt",
      ],
      "specs/o/1.0.0.yaml": [
        "rebuild",
        "inherited defaults changed the request; policy.tag is overwrite",
      ],
    });
    expect(withoutPinSuggestions(result.problems).map(formatProblem)).toEqual([
      expect.stringMatching(
        /^specs\/a\/1\.0\.0\.yaml:5:17: immutable-version: build\.BuildConfig\.Dockerfile changed since the base git:.*, but version 1\.0\.0 is immutable/,
      ),
    ]);
    const d = result.entries.find((e) => e.file === "specs/d/1.0.0.yaml");
    expect(d).toMatchObject({
      imageUri: "r.example.com/ml/d:1.0.0",
      clientToken: expect.stringMatching(/^ib1-/),
    });
  });

  it("plans a committed head against an explicit base", async () => {
    const result = await plan({ repoDir: repo, base: "main", head: "HEAD" });
    const actions = byFile(result.entries);
    expect(actions["specs/g/1.0.0.yaml"]).toBeUndefined();
    expect(actions["specs/f/1.0.0.yaml"]).toEqual([
      "removed",
      "spec deleted; the image stays in the registry and the workspace",
    ]);
  });

  it("marks versions whose image already exists in the workspace as skip", async () => {
    const pai = await startPaiServer({
      images: [{ ImageUri: "r.example.com/ml/d:1.0.0" }, { ImageUri: "r.example.com/ml/b:1.0.0" }],
    });
    const client = createPaiClient({ endpoint: pai.url, env: {} });
    try {
      const result = await plan({ repoDir: repo, client });
      const actions = byFile(result.entries);
      expect(actions["specs/d/1.0.0.yaml"]).toEqual([
        "skip",
        "image r.example.com/ml/d:1.0.0 already exists in workspace 12345",
      ]);
      expect(actions["specs/b/1.0.0.yaml"]?.[0]).toBe("rebuild");
      expect(actions["specs/g/1.0.0.yaml"]?.[0]).toBe("create");
    } finally {
      await client.close();
      await pai.close();
    }
  });

  it("formats the plan as a table, a Markdown summary and JSON", async () => {
    const result = await plan({ repoDir: repo });
    const table = formatPlan(result, "table");
    expect(table).toMatch(
      /^Plan: 2 create, 3 rebuild, 0 skip, 2 unchanged, 1 removed, 1 error \(base [0-9a-f]{12}, head working tree\)/,
    );
    expect(table).toMatch(
      /create\s+specs\/d\/1\.0\.0\.yaml\s+r\.example\.com\/ml\/d:1\.0\.0\s+new version/,
    );
    const markdown = formatPlan(result, "markdown");
    expect(markdown).toContain(
      "| **create** | `specs/d/1.0.0.yaml` | `r.example.com/ml/d:1.0.0` | new version |",
    );
    expect(markdown).toContain("2 specs unchanged.");
    expect(markdown).toContain("### Problems");
    expect(JSON.parse(formatPlan(result, "json"))).toEqual(JSON.parse(JSON.stringify(result)));
  });
});
