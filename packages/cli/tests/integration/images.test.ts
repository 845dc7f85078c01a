/** imagebuild images against a stub PAI: every page as JSON, a table, --verbose, an empty workspace. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/run-cli.ts";
import { type PaiServer, startPaiServer } from "@imagebuild/test-support";

// More than two pages of the default page size, so listing must follow pages.
const IMAGE_COUNT = 45;

let pai: PaiServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const images = Array.from({ length: IMAGE_COUNT }, (_, i) => ({
    ImageId: `image-n${i}`,
    Name: i === 0 ? "pytorch-train" : `tool-${i}`,
    ImageUri: `127.0.0.1:5000/pai/tool-${i}:1.0.${i}`,
    WorkspaceId: i < 40 ? "local" : "other",
    SourceType: "Build",
    SourceId: `build-${i}`,
    Labels: [{ Key: "system.chipType", Value: i === 0 ? "GPU" : "CPU" }],
    GmtCreateTime: "2026-11-27T10:00:00.000Z",
  }));
  pai = await startPaiServer({ images });
  env = { IMAGEBUILD_ENDPOINT: pai.url };
});
afterAll(() => pai.close());

describe("images", () => {
  it("lists every page of the workspace as JSON", async () => {
    const { code, stdout } = await runCli(["images", "--workspace", "local", "--json"], { env });
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body.ok).toBe(true);
    expect(body.totalCount).toBe(40);
    expect(body.images).toHaveLength(40);
    expect(body.images[0]).toMatchObject({ ImageId: "image-n0", Name: "pytorch-train" });
    expect(
      pai.seen.filter((r) => r.method === "GET" && r.path === "/api/v1/images").length,
    ).toBeGreaterThanOrEqual(2);
  });

  it("prints a table with a count; --verbose adds labels", async () => {
    const plain = await runCli(["images", "--workspace", "local", "--name", "pytorch"], { env });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe(
      [
        "NAME           URI                              SOURCE         CREATED",
        "pytorch-train  127.0.0.1:5000/pai/tool-0:1.0.0  Build build-0  2026-11-27T10:00:00.000Z",
        "1 image",
        "",
      ].join("\n"),
    );
    const verbose = await runCli(
      ["images", "--workspace", "local", "--name", "pytorch", "--verbose"],
      {
        env,
      },
    );
    expect(verbose.stdout).toContain("LABELS");
    expect(verbose.stdout).toContain("system.chipType=GPU");
  });

  it("prints an empty list for an empty workspace", async () => {
    const { code, stdout } = await runCli(["images", "--workspace", "nobody"], { env });
    expect(code).toBe(0);
    expect(stdout).toBe("NAME  URI  SOURCE  CREATED\n0 images\n");
  });
});
