/** The real bin/imagebuild.cjs in a child process: exit codes and --json output, from the prebuilt bundle. */
import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PaiServer, startPaiServer } from "@imagebuild/test-support";
import { BIN } from "../fixtures/run-bin.ts";

const REPO = path.resolve(path.dirname(BIN), "../../..");

/** Runs the real bin in a child process (async, so the in-process stub server keeps serving). */
function imagebuild(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: REPO, env: { PATH: process.env.PATH, ...env } },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let pai: PaiServer;
beforeAll(async () => {
  pai = await startPaiServer({
    images: [
      {
        ImageId: "image-bin1",
        Name: "busybox-hello",
        ImageUri: "127.0.0.1:5000/pai/busybox-hello:1.0.0",
        WorkspaceId: "local",
      },
    ],
  });
});
afterAll(() => pai.close());

describe("bin/imagebuild.cjs", () => {
  it("runs a command with --json and exit code 0, from the bundle (built on first use)", async () => {
    const { code, stdout, stderr } = await imagebuild(
      ["images", "--workspace", "local", "--json"],
      { IMAGEBUILD_ENDPOINT: pai.url, IMAGEBUILD_BIN_TRACE: "1" },
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/^imagebuild: bundle (current|built)/);
    expect(JSON.parse(stdout)).toMatchObject({
      ok: true,
      totalCount: 1,
      images: [{ ImageId: "image-bin1" }],
    });
  });

  it("exits 2 on a usage error and 0 for --help", async () => {
    expect((await imagebuild(["images"])).code).toBe(2);
    const help = await imagebuild(["build", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: imagebuild build SPEC/);
  });
});
