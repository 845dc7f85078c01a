/** plan without --env plans every environment, grouped; a mistyped --env gets a suggestion. Through the real bin. */
import {
  createSpecRepo,
  SAMPLE_SPECS,
  type SpecRepo,
  withoutPinSuggestions,
} from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin } from "../fixtures/run-bin.ts";

let repo: SpecRepo;
beforeAll(() => {
  repo = createSpecRepo({ files: SAMPLE_SPECS });
  repo.write(
    "specs/busybox-hello/1.1.0.yaml",
    SAMPLE_SPECS["specs/busybox-hello/1.0.0.yaml"] ?? "",
  );
});
afterAll(() => repo.cleanup());

describe("plan without --env", () => {
  it("plans every environment the specs define, with no WorkspaceId errors", async () => {
    const { code, stdout } = await runBin(["plan", "--base", "HEAD", "--json"], { cwd: repo.dir });
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body.ok).toBe(true);
    expect(body.environments.map((e: { env: string }) => e.env)).toEqual(["local", "prod"]);
    for (const group of body.environments) {
      expect(withoutPinSuggestions(group.problems)).toEqual([]);
      expect(group.entries).toContainEqual(
        expect.objectContaining({ file: "specs/busybox-hello/1.1.0.yaml", action: "create" }),
      );
    }
  });

  it("groups the table and the markdown by environment", async () => {
    const table = await runBin(["plan", "--base", "HEAD"], { cwd: repo.dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^env local:\nPlan: 1 create/);
    expect(table.stdout).toMatch(/\n\nenv prod:\nPlan: 1 create/);
    const markdown = await runBin(["plan", "--base", "HEAD", "--format", "markdown"], {
      cwd: repo.dir,
    });
    expect(markdown.stdout).toMatch(/^### env `local`\n/);
    expect(markdown.stdout).toContain("### env `prod`\n");
  });

  it("keeps the single-plan shape with --env", async () => {
    const { code, stdout } = await runBin(["plan", "--base", "HEAD", "--env", "prod", "--json"], {
      cwd: repo.dir,
    });
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body.environments).toBeUndefined();
    expect(body.entries.length).toBeGreaterThan(0);
  });
});

describe("--env did you mean", () => {
  it.each(["plan", "validate", "build"])("%s --env prd suggests prod and exits 2", async (name) => {
    const args =
      name === "build" ? [name, "specs/busybox-hello", "--env", "prd"] : [name, "--env", "prd"];
    const { code, stderr } = await runBin(args, { cwd: repo.dir });
    expect(code).toBe(2);
    expect(stderr).toContain(
      `imagebuild ${name}: --env: no spec defines the environment "prd"; did you mean "prod"? defined: local, prod`,
    );
  });
});
