/** imagebuild plan over a git repository: create, removed, skip, refused changes and the markdown summary. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";
import {
  createSpecRepo,
  SAMPLE_SPECS,
  type SpecRepo,
  startPaiServer,
  withoutPinSuggestions,
} from "@imagebuild/test-support";

const NEW_VERSION = `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.37
environments:
  local:
    registry: 127.0.0.1:5000/pai
    build:
      WorkspaceId: local
`;

interface Entry {
  file: string;
  action: string;
  reason: string;
  clientToken?: string;
}

let repo: SpecRepo;
beforeEach(() => {
  repo = createSpecRepo({ files: SAMPLE_SPECS });
});
afterEach(() => repo.cleanup());

async function planJson(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = await runCli(["plan", ...args, "--json"], { cwd: repo.dir, env });
  const body = JSON.parse(run.stdout);
  const byFile = Object.fromEntries((body.entries as Entry[]).map((e) => [e.file, e]));
  return { code: run.code, body, byFile };
}

describe("plan", () => {
  it("says create for a new version and removed for a deleted one, with ClientTokens", async () => {
    repo.write("specs/busybox-hello/1.1.0.yaml", NEW_VERSION);
    repo.remove("specs/busybox-fail/1.0.0.yaml");
    const { code, body, byFile } = await planJson(["--base", "HEAD", "--env", "local"]);
    expect(code).toBe(0);
    expect(body.ok).toBe(true);
    expect(byFile["specs/busybox-hello/1.1.0.yaml"]).toMatchObject({ action: "create" });
    expect(byFile["specs/busybox-hello/1.1.0.yaml"]?.clientToken).toMatch(/^ib1-/);
    expect(byFile["specs/busybox-fail/1.0.0.yaml"]).toMatchObject({ action: "removed" });
    expect(byFile["specs/busybox-hello/1.0.0.yaml"]).toMatchObject({ action: "unchanged" });
  });

  it("compares two commits with --head, over several commits of history", async () => {
    repo.write("specs/busybox-hello/1.1.0.yaml", NEW_VERSION);
    repo.commit({}, "add 1.1.0");
    repo.write("specs/busybox-hello/1.2.0.yaml", NEW_VERSION.replace("1.37", "1.38"));
    repo.commit({}, "add 1.2.0");
    const { byFile } = await planJson(["--base", "HEAD~2", "--head", "HEAD~1", "--env", "local"]);
    expect(byFile["specs/busybox-hello/1.1.0.yaml"]).toMatchObject({ action: "create" });
    expect(byFile["specs/busybox-hello/1.2.0.yaml"]).toBeUndefined();
  });

  it("exits 1 when a built version changed and its policy does not allow it", async () => {
    repo.write("specs/busybox-hello/1.0.0.yaml", NEW_VERSION.replace("1.37", "1.99"));
    const { code, body } = await planJson(["--base", "HEAD", "--env", "local"]);
    expect(code).toBe(1);
    expect(body.ok).toBe(false);
    expect(withoutPinSuggestions(body.problems)[0]).toMatchObject({ ruleId: "immutable-version" });
  });

  it("--format markdown writes a PR summary table", async () => {
    repo.write("specs/busybox-hello/1.1.0.yaml", NEW_VERSION);
    const { code, stdout } = await runCli(
      ["plan", "--base", "HEAD", "--env", "local", "--format", "markdown"],
      { cwd: repo.dir },
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\| .*create.* \| `specs\/busybox-hello\/1\.1\.0\.yaml` \|/m);
  });

  it("marks skip when the image already exists in the configured workspace", async () => {
    const pai = await startPaiServer({
      images: [
        {
          ImageId: "image-x1",
          Name: "busybox-hello",
          ImageUri: "127.0.0.1:5000/pai/busybox-hello:1.1.0",
          WorkspaceId: "local",
        },
      ],
    });
    try {
      repo.write("specs/busybox-hello/1.1.0.yaml", NEW_VERSION);
      const env = { IMAGEBUILD_ENDPOINT: pai.url };
      const online = await planJson(["--base", "HEAD", "--env", "local"], env);
      expect(online.byFile["specs/busybox-hello/1.1.0.yaml"]).toMatchObject({ action: "skip" });
      const offline = await planJson(["--base", "HEAD", "--env", "local", "--offline"], env);
      expect(offline.byFile["specs/busybox-hello/1.1.0.yaml"]).toMatchObject({ action: "create" });
    } finally {
      await pai.close();
    }
  });

  it("an unknown base revision exits 1 with git's complaint", async () => {
    const { code, stderr } = await runCli(["plan", "--base", "no-such-ref", "--env", "local"], {
      cwd: repo.dir,
    });
    expect(code).toBe(1);
    expect(stderr).toContain("no-such-ref");
  });
});
