/** imagebuild new: a scaffold that validates, the next version with its own sidecar copy. Through the real bin. */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createSpecRepo, SAMPLE_SPECS, type SpecRepo } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin } from "../fixtures/run-bin.ts";

const SIDECAR_SPEC = `# yaml-language-server: $schema=../../packages/schema/schemas/spec.schema.json
# A comment that the copy keeps.
apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    DockerfileFile: Dockerfile
environments:
  local:
    registry: 127.0.0.1:5000/pai
    build:
      WorkspaceId: local
`;

let repo: SpecRepo;
beforeAll(() => {
  repo = createSpecRepo({
    files: {
      ...SAMPLE_SPECS,
      "specs/side/1.0.0.yaml": SIDECAR_SPEC,
      "specs/side/Dockerfile": "FROM busybox:1.36\nRUN echo one > /v\n",
    },
  });
});
afterAll(() => repo.cleanup());

const read = (file: string) => readFileSync(path.join(repo.dir, file), "utf8");

describe("new", () => {
  it("scaffolds a spec with its $schema line that validates", async () => {
    const { code, stdout } = await runBin(["new", "my-tools", "1.0.0"], { cwd: repo.dir });
    expect(code).toBe(0);
    expect(stdout).toContain("wrote specs/my-tools/1.0.0.yaml\n");
    expect(read("specs/my-tools/1.0.0.yaml")).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/\.\.\/packages\/schema\/schemas\/spec\.schema\.json\n/,
    );
    const validate = await runBin(["validate", "specs/my-tools", "--json"], { cwd: repo.dir });
    expect(JSON.parse(validate.stdout)).toMatchObject({ ok: true, errors: 0 });
  });

  it("copies the highest version and gives it its own sidecar, so 1.0.0 cannot change", async () => {
    const { code, stdout } = await runBin(["new", "side", "1.1.0", "--json"], { cwd: repo.dir });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      ok: true,
      file: "specs/side/1.1.0.yaml",
      from: "specs/side/1.0.0.yaml",
      sidecars: [{ from: "specs/side/Dockerfile", to: "specs/side/1.1.0.Dockerfile" }],
    });
    const copy = read("specs/side/1.1.0.yaml");
    expect(copy).toContain("# A comment that the copy keeps.\n");
    expect(copy).toContain("DockerfileFile: 1.1.0.Dockerfile\n");
    writeFileSync(
      path.join(repo.dir, "specs/side/1.1.0.Dockerfile"),
      "FROM busybox:1.36\nRUN echo two > /v\n",
    );
    expect(read("specs/side/Dockerfile")).toContain("echo one");
    const render = await runBin(["render", "specs/side/1.1.0.yaml", "--env", "local", "--json"], {
      cwd: repo.dir,
    });
    expect(JSON.parse(render.stdout).request.BuildConfig.Dockerfile).toContain("echo two");
    // The next one copies 1.1.0 (the highest) and strips its version from the sidecar's name.
    const next = await runBin(["new", "side", "1.2.0", "--json"], { cwd: repo.dir });
    expect(JSON.parse(next.stdout).sidecars).toEqual([
      { from: "specs/side/1.1.0.Dockerfile", to: "specs/side/1.2.0.Dockerfile" },
    ]);
  });

  it("--from copies a given spec", async () => {
    const { code } = await runBin(
      ["new", "busybox-hello", "2.0.0", "--from", "specs/busybox-fail/1.0.0.yaml"],
      {
        cwd: repo.dir,
      },
    );
    expect(code).toBe(0);
    expect(read("specs/busybox-hello/2.0.0.yaml")).toBe(read("specs/busybox-fail/1.0.0.yaml"));
  });

  it("never overwrites (exit 1) and names a bad argument (exit 2)", async () => {
    const exists = await runBin(["new", "side", "1.0.0"], { cwd: repo.dir });
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain("SpecExists: specs/side/1.0.0.yaml: exists already");
    const bad = await runBin(["new", "Bad_Name", "1.0.0"], { cwd: repo.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("IMAGE: must be an image name");
  });
});
