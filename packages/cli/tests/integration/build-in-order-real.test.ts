/** Real builds (local service, buildah, registry): a base spec and its dependent in one `imagebuild build`. */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RealLocalPai, startRealLocalPai } from "../fixtures/real-local-pai.ts";
import { runCli } from "../fixtures/run-cli.ts";

const BUILD_TIMEOUT_MS = 300_000;
// The local service seeds busybox under the installed busybox-static's version (e.g. 1.35).
const BUSYBOX_TAG =
  /v(\d+\.\d+)/.exec(execFileSync("busybox", { encoding: "utf8" }).split("\n")[0] ?? "")?.[1] ??
  "latest";
const A = "specs/order-base/1.0.0.yaml";
const B = "specs/order-app/1.0.0.yaml";
const BAD = "specs/order-bad/1.0.0.yaml";
const BLOCKED = "specs/order-blocked/1.0.0.yaml";

function spec(dockerfile: string): string {
  const body = dockerfile
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
  return `apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Dockerfile: |\n${body}\n`;
}

let stack: RealLocalPai;

beforeAll(async () => {
  // Two builds at once: without the ordering, the dependent would start beside its base and fail.
  stack = await startRealLocalPai({
    seedImages: ["busybox"],
    concurrency: 2,
    files: {
      [A]: spec(`FROM busybox:${BUSYBOX_TAG}\nRUN echo from-base > /base-marker`),
      // Fails unless it is built on the base's image: only that one has /base-marker.
      [B]: spec("FROM imagebuild:order-base:1.0.0\nRUN cp /base-marker /app-saw-base"),
      [BAD]: spec(`FROM busybox:${BUSYBOX_TAG}\nRUN exit 1`),
      [BLOCKED]: spec("FROM imagebuild:order-bad:1.0.0\nRUN true"),
    },
  });
}, BUILD_TIMEOUT_MS);
afterAll(() => stack?.close());

async function job(jobId: string): Promise<Record<string, string>> {
  return (await (await fetch(`${stack.pai.url}/api/v1/jobs/${jobId}`)).json()) as Record<
    string,
    string
  >;
}

describe("imagebuild build: a base and its dependent, real builds", () => {
  it(
    "builds the base first and the dependent after it succeeded, on the base's exact image",
    async () => {
      const { code, stdout, stderr } = await runCli(
        ["build", B, A, "--env", "local", "--wait", "--poll", "0.2", "--json"],
        { cwd: stack.repo.dir, env: stack.env },
      );
      expect(stderr).not.toContain("Failed");
      expect(code).toBe(0);
      const results = JSON.parse(stdout).results as { file: string; jobId: string }[];
      const byFile = Object.fromEntries(results.map((r) => [r.file, r]));
      expect(byFile[A]).toMatchObject({ status: "submitted", finalStatus: "Succeeded" });
      expect(byFile[B]).toMatchObject({ status: "submitted", finalStatus: "Succeeded" });
      const base = await job(byFile[A]?.jobId as string);
      const app = await job(byFile[B]?.jobId as string);
      expect(Date.parse(app.GmtCreateTime as string)).toBeGreaterThanOrEqual(
        Date.parse(base.GmtFinishTime as string),
      );
      const images = (await (
        await fetch(`${stack.pai.url}/api/v1/images?WorkspaceId=local`)
      ).json()) as {
        Images: { Name: string; ImageUri: string }[];
      };
      const baseUri = images.Images.find((i) => i.Name === "order-base")?.ImageUri;
      expect(baseUri).toBe(`${stack.pai.registry.host}/pai/order-base:1.0.0`);
      const render = await runCli(["render", B, "--env", "local", "--json"], {
        cwd: stack.repo.dir,
      });
      expect(JSON.parse(render.stdout).request.BuildConfig.Dockerfile).toBe(
        `FROM ${baseUri}\nRUN cp /base-marker /app-saw-base\n`,
      );
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "a failed base leaves its dependent blocked and not built",
    async () => {
      const { code, stdout } = await runCli(
        ["build", BLOCKED, BAD, "--env", "local", "--wait", "--poll", "0.2", "--json"],
        { cwd: stack.repo.dir, env: stack.env },
      );
      expect(code).toBe(1);
      const results = JSON.parse(stdout).results as Record<string, unknown>[];
      expect(results).toEqual([
        expect.objectContaining({ file: BAD, status: "submitted", finalStatus: "Failed" }),
        {
          file: BLOCKED,
          status: "blocked",
          reason: expect.stringMatching(
            new RegExp(`^not built: ${BAD} did not succeed \\(Failed: `),
          ),
        },
      ]);
      // The service has the three jobs of the two runs (base, app, bad), none for the blocked spec.
      const jobs = (await (await fetch(`${stack.pai.url}/api/v1/jobs?PageSize=100`)).json()) as {
        TotalCount: number;
      };
      expect(jobs.TotalCount).toBe(3);
    },
    BUILD_TIMEOUT_MS,
  );

  it("a cycle is an error naming both files, and nothing is built", async () => {
    stack.repo.write(A, spec("FROM imagebuild:order-app:1.0.0"));
    try {
      const { code, stderr } = await runCli(["build", A, B, "--env", "local"], {
        cwd: stack.repo.dir,
        env: stack.env,
      });
      expect(code).toBe(1);
      expect(stderr).toContain(`dependency cycle: ${B} → ${A} → ${B}`);
      expect(stderr).toContain(`${A}:6:7: dependency-cycle`);
      expect(stderr).toContain(`${B}:6:7: dependency-cycle`);
    } finally {
      stack.repo.write(A, spec(`FROM busybox:${BUSYBOX_TAG}\nRUN echo from-base > /base-marker`));
    }
  });
});
