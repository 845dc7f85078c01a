/** The repository's example specs validate and render in every environment. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validators } from "@imagebuild/schema";
import { describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";

const REPO_ROOT = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../..");
const SPECS = path.join(REPO_ROOT, "specs");
const SCHEMA_LINE = /^# yaml-language-server: \$schema=(\S+)\n/;

const yamlFiles = readdirSync(SPECS, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => path.join("specs", f));
const versionFiles = yamlFiles.filter((f) => !f.endsWith("_defaults.yaml"));

describe("the example specs in specs/", () => {
  it("include at least three image versions", () => {
    expect(versionFiles.length).toBeGreaterThanOrEqual(3);
  });

  it.each(yamlFiles)("%s starts with a schema line whose path resolves", (file) => {
    const match = SCHEMA_LINE.exec(readFileSync(path.join(REPO_ROOT, file), "utf8"));
    expect(match).not.toBeNull();
    const target = path.resolve(path.dirname(path.join(REPO_ROOT, file)), match?.[1] ?? "");
    expect(target).toBe(path.join(REPO_ROOT, "packages/schema/schemas/spec.schema.json"));
    expect(existsSync(target)).toBe(true);
  });

  it.each(versionFiles)("%s renders to a valid CreateImageBuild request in prod", async (file) => {
    const { code, stdout } = await runCli(["render", file, "--env", "prod", "--json"], {
      cwd: REPO_ROOT,
    });
    expect(code).toBe(0);
    const { request } = JSON.parse(stdout);
    // Credential references are placeholders, not base64; the rest must be a real request.
    const { RegistryAuths: _refs, ...buildConfig } = request.BuildConfig;
    const checked = validators.CreateImageBuildRequest.safeParse({
      ...request,
      BuildConfig: buildConfig,
    });
    expect(checked.ok).toBe(true);
    expect(request.TargetRegistry.InstanceId).toMatch(/^cri-/);
    expect(request.UserVpc.VpcId).toMatch(/^vpc-/);
  });

  it("the GPU training image is for DLC on a GPU instance and is not built locally", async () => {
    const prod = await runCli(
      ["render", "specs/pytorch-train/2.4.0.yaml", "--env", "prod", "--json"],
      {
        cwd: REPO_ROOT,
      },
    );
    const { request } = JSON.parse(prod.stdout);
    expect(request.Resource.EcsSpec).toMatch(/^ecs\.gn/);
    expect(request.Image.Labels).toEqual(
      expect.arrayContaining([
        { Key: "system.chipType", Value: "GPU" },
        { Key: "system.supported.dlc", Value: "true" },
      ]),
    );
    const local = await runCli(["validate", "--env", "local", "--json"], { cwd: REPO_ROOT });
    const pass = JSON.parse(local.stdout).environments[0];
    expect(pass.notInEnv).toContain("specs/pytorch-train/2.4.0.yaml");
    expect(pass.specs.map((s: { imageUri: string }) => s.imageUri)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^127\.0\.0\.1:5000\/pai\//)]),
    );
  });

  it("imagebuild.config.yaml at the root names its schema, matches it and defaults to local", async () => {
    const file = path.join(REPO_ROOT, "imagebuild.config.yaml");
    const match = SCHEMA_LINE.exec(readFileSync(file, "utf8"));
    const target = path.resolve(REPO_ROOT, match?.[1] ?? "");
    expect(target).toBe(
      path.join(REPO_ROOT, "packages/schema/schemas/imagebuild-config.schema.json"),
    );
    const { code, stdout } = await runCli(["render", "1.0.0.yaml", "--json"], {
      cwd: path.join(REPO_ROOT, "specs", "debian-tools"),
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).env).toBe("local");
  });
});
