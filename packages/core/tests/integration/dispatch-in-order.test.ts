/** dispatchInOrder against a stub PAI, and plan's with-base rebuilds and build graph over a real git repository. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPaiClient } from "@imagebuild/pai-client";
import { startPaiServer, withoutPinSuggestions } from "@imagebuild/test-support";
import { afterEach, describe, expect, it } from "vitest";
import {
  type DispatchEvent,
  dispatchInOrder,
  formatPlan,
  loadSpecs,
  memorySource,
  plan,
  prepareBuilds,
} from "../../src/index.ts";

const DEFAULTS = `apiVersion: imagebuild/v1
kind: Defaults
registry: 127.0.0.1:5000/pai
build:
  WorkspaceId: local
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise }
`;
const spec = (from: string, run: string, policy = "") => `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    Dockerfile: |
      FROM ${from}
      RUN ${run}
${policy}`;

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function run(files: Record<string, string>, failing: string[] = []) {
  const pai = await startPaiServer({ idPrefix: "o", failingImageNames: failing });
  const client = createPaiClient({ endpoint: pai.url, env: {} });
  closers.push(
    () => client.close(),
    () => pai.close(),
  );
  const { specs, problems } = await loadSpecs({ source: memorySource(files) });
  expect(withoutPinSuggestions(problems)).toEqual([]);
  const { items } = prepareBuilds({ specs, env: {} });
  const events: DispatchEvent[] = [];
  const waited: string[] = [];
  const results = await dispatchInOrder({
    client,
    items,
    onProgress: (e) => events.push(e),
    waitForJob: (jobId, options) => {
      waited.push(jobId);
      return client.waitForJob(jobId, { ...options, pollMs: 10 });
    },
  });
  return { pai, results, events, waited };
}

describe("dispatchInOrder", () => {
  it("submits a dependent once its base's job succeeded; independent specs start at once", async () => {
    const { pai, results, events, waited } = await run({
      "specs/_defaults.yaml": DEFAULTS,
      "specs/app/1.0.0.yaml": spec("imagebuild:base:1.0.0", "echo app"),
      "specs/base/1.0.0.yaml": spec("busybox:1.36", "echo base"),
      "specs/solo/1.0.0.yaml": spec("busybox:1.36", "echo solo"),
    });
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ["specs/app/1.0.0.yaml", "submitted"],
      ["specs/base/1.0.0.yaml", "submitted"],
      ["specs/solo/1.0.0.yaml", "submitted"],
    ]);
    const order = events
      .filter((e) => e.type === "submitted" || (e.type === "finished" && e.file.includes("base")))
      .map((e) => `${e.type} ${e.file}`);
    expect(order.indexOf("submitted specs/app/1.0.0.yaml")).toBeGreaterThan(
      order.indexOf("finished specs/base/1.0.0.yaml"),
    );
    // Without `wait`, only the base's job is followed: its dependent needs the outcome.
    const base = results.find((r) => r.file === "specs/base/1.0.0.yaml");
    expect(waited).toEqual([base?.status === "submitted" ? base.jobId : ""]);
    const app = [...pai.jobs.values()].find((j) => j.request.Image.Name === "app");
    expect(app?.request.BuildConfig.Dockerfile).toBe(
      "FROM 127.0.0.1:5000/pai/base:1.0.0\nRUN echo app\n",
    );
  });

  it("blocks the dependents of a failed base, transitively, and submits nothing of theirs", async () => {
    const { pai, results, events } = await run(
      {
        "specs/_defaults.yaml": DEFAULTS,
        "specs/base/1.0.0.yaml": spec("busybox:1.36", "exit 1"),
        "specs/mid/1.0.0.yaml": spec("imagebuild:base:1.0.0", "echo mid"),
        "specs/top/1.0.0.yaml": spec("imagebuild:mid:latest", "echo top"),
      },
      ["base"],
    );
    expect(results.map((r) => r.status)).toEqual(["submitted", "blocked", "blocked"]);
    expect(results[1]).toEqual({
      file: "specs/mid/1.0.0.yaml",
      status: "blocked",
      reason: "not built: specs/base/1.0.0.yaml did not succeed (Failed: RUN step exited with 1)",
    });
    expect(events.filter((e) => e.type === "blocked").map((e) => e.file)).toEqual([
      "specs/mid/1.0.0.yaml",
      "specs/top/1.0.0.yaml",
    ]);
    expect(pai.jobs.size).toBe(1);
  });
});

describe("plan with dependencies", () => {
  it("rebuilds with-base dependents after a changed base, in build order, and shows the graph", async () => {
    const repo = mkdtempSync(path.join(tmpdir(), "imagebuild-plan-graph-"));
    closers.push(() => rmSync(repo, { recursive: true, force: true }));
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
      GIT_CONFIG_NOSYSTEM: "1",
      HOME: tmpdir(),
    };
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { env });
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), text);
    };
    git("init", "-q", "-b", "main");
    write("specs/_defaults.yaml", DEFAULTS);
    write(
      "specs/base/1.0.0.yaml",
      spec("busybox:1.36", "echo base", "policy: { tag: overwrite }\n"),
    );
    write(
      "specs/app/1.0.0.yaml",
      spec("imagebuild:base:1.0.0", "echo app", "policy: { tag: overwrite, rebuild: with-base }\n"),
    );
    write(
      "specs/pinned/1.0.0.yaml",
      spec("imagebuild:base:1.0.0", "echo pinned", "policy: { rebuild: with-base }\n"),
    );
    git("add", "-A");
    git("commit", "-q", "-m", "base");
    write(
      "specs/base/1.0.0.yaml",
      spec("busybox:1.36", "echo base v2", "policy: { tag: overwrite }\n"),
    );

    const result = await plan({ repoDir: repo, base: "main" });
    expect(result.entries.map((e) => [e.file, e.action, e.reason])).toEqual([
      ["specs/base/1.0.0.yaml", "rebuild", "spec changed; policy.tag is overwrite"],
      [
        "specs/app/1.0.0.yaml",
        "rebuild",
        "specs/base/1.0.0.yaml is built; policy.rebuild is with-base",
      ],
      [
        "specs/pinned/1.0.0.yaml",
        "unchanged",
        "specs/base/1.0.0.yaml is built and policy.rebuild is with-base, but the version is immutable",
      ],
    ]);
    const markdown = formatPlan(result, "markdown");
    expect(markdown).toContain(
      '### Build graph\n\nBases first; dotted arrows come from images outside the repository.\n\n```mermaid\nflowchart LR\n  s0["base:1.0.0"]\n  s1["app:1.0.0"]\n  s0 --> s1\n  x0(["busybox:1.36"])\n  x0 -.-> s0\n```\n',
    );
  });
});
