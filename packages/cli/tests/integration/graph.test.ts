/** imagebuild graph, and build in dependency order (a stub PAI): bases first, blocked dependents, cycles. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";
import {
  createSpecRepo,
  DEFAULTS_YAML,
  type PaiServer,
  type SpecRepo,
  startPaiServer,
} from "@imagebuild/test-support";

const A = "specs/tools-base/1.0.0.yaml";
const B = "specs/tools-app/1.0.0.yaml";

function spec(dockerfile: string): string {
  const body = dockerfile
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
  return `apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Dockerfile: |\n${body}\n`;
}

const FILES = {
  "specs/_defaults.yaml": DEFAULTS_YAML,
  [A]: spec("FROM busybox:1.36\nRUN echo base > /base"),
  [B]: spec("FROM imagebuild:tools-base:1.0.0\nRUN cat /base"),
};

let pai: PaiServer;
let repo: SpecRepo;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  pai = await startPaiServer({ idPrefix: "stub", failingImageNames: ["tools-fail"] });
  repo = createSpecRepo({ files: FILES });
  env = { IMAGEBUILD_ENDPOINT: pai.url };
});
afterEach(async () => {
  await pai.close();
  repo.cleanup();
});

describe("graph", () => {
  it("prints the edge and the external base in build order", async () => {
    const { code, stdout } = await runCli(["graph", "--env", "local"], { cwd: repo.dir });
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        `${A}  127.0.0.1:5000/pai/tools-base:1.0.0`,
        "  <- busybox:1.36  (external)",
        `${B}  127.0.0.1:5000/pai/tools-app:1.0.0`,
        `  <- ${A}  (imagebuild:tools-base:1.0.0)`,
        "2 specs, 1 in-repo edge, 1 external base image(s)",
        "",
      ].join("\n"),
    );
  });

  it("--json and --format mermaid", async () => {
    const json = await runCli(["graph", "--env", "local", "--json"], { cwd: repo.dir });
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      edges: [{ from: B, to: A, reference: "imagebuild:tools-base:1.0.0" }],
      order: [A, B],
    });
    const mermaid = await runCli(["graph", "--env", "local", "--format", "mermaid"], {
      cwd: repo.dir,
    });
    expect(mermaid.stdout).toContain("flowchart LR\n");
    expect(mermaid.stdout).toContain("s0 --> s1");
  });

  it("a cycle is an error naming both files", async () => {
    repo.write(A, spec("FROM imagebuild:tools-app:1.0.0"));
    const { code, stderr } = await runCli(["graph", "--env", "local"], { cwd: repo.dir });
    expect(code).toBe(1);
    const cycle = `dependency cycle: ${B} → ${A} → ${B}`;
    expect(stderr).toContain(`${A}:6:7: dependency-cycle: ${cycle}`);
    expect(stderr).toContain(`${B}:6:7: dependency-cycle: ${cycle}`);
  });
});

describe("build in dependency order", () => {
  it("submits the dependent only after its base succeeded, on the base's image", async () => {
    const { code, stdout } = await runCli(
      ["build", B, A, "--env", "local", "--wait", "--poll", "0.05", "--json"],
      { cwd: repo.dir, env },
    );
    expect(code).toBe(0);
    const nameOf = (body: string) => (JSON.parse(body) as { Image: { Name: string } }).Image.Name;
    const creates = pai.seen.filter((r) => r.method === "POST" && r.path === "/api/v1/imagebuilds");
    expect(creates.map((r) => nameOf(r.body))).toEqual(["tools-base", "tools-app"]);
    // The base's job was polled to its end (the stub says Succeeded on the second GetJob) first.
    const basePolls = pai.seen
      .map((r, index) => ({ r, index }))
      .filter(({ r }) => r.method === "GET" && r.path === "/api/v1/jobs/dlc-stub1");
    const appCreated = pai.seen.indexOf(creates[1] as (typeof pai.seen)[number]);
    expect(basePolls.length).toBeGreaterThanOrEqual(2);
    expect(appCreated).toBeGreaterThan(basePolls.at(-1)?.index ?? Number.MAX_SAFE_INTEGER);
    const app = [...pai.jobs.values()].find((j) => j.request.Image.Name === "tools-app");
    expect(app?.request.BuildConfig.Dockerfile).toBe(
      "FROM 127.0.0.1:5000/pai/tools-base:1.0.0\nRUN cat /base\n",
    );
    expect(JSON.parse(stdout).results.map((r: { finalStatus: string }) => r.finalStatus)).toEqual([
      "Succeeded",
      "Succeeded",
    ]);
  });

  it("a failed base blocks its dependent, which is not submitted", async () => {
    repo.write("specs/tools-fail/1.0.0.yaml", spec("FROM busybox:1.36\nRUN exit 1"));
    repo.write(B, spec("FROM imagebuild:tools-fail:1.0.0\nRUN cat /base"));
    const { code, stdout } = await runCli(
      ["build", B, "specs/tools-fail", "--env", "local", "--poll", "0.05"],
      { cwd: repo.dir, env },
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(
      new RegExp(
        `${B} +blocked +- +not built: specs/tools-fail/1\\.0\\.0\\.yaml did not succeed \\(Failed: `,
      ),
    );
    expect([...pai.jobs.values()].map((j) => j.request.Image.Name)).toEqual(["tools-fail"]);
    expect(stdout).toContain(
      "1 submitted, 0 skipped, 0 failed to submit, 1 blocked, 1 build(s) did not succeed",
    );
  });
});
