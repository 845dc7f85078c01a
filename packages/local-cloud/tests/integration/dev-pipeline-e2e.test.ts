/** End to end: `imagebuild dev`'s pipeline — the bundle behind its HTTP trigger — on the local PAI service, a real buildah build and registry. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLocalPai, type LocalPai } from "@imagebuild/local-pai";
import { createPaiClient } from "@imagebuild/pai-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSpecRepo } from "@imagebuild/test-support";
import { startDevPipeline } from "../../src/dev/start-dev-pipeline.ts";
import { functionSYaml } from "../fixtures/function-s-yaml.ts";

const BUILD_TIMEOUT_MS = 240_000;
// The local service seeds busybox under the version of the installed busybox-static (e.g. 1.35); FROM must be pinned.
const BUSYBOX_TAG =
  /v(\d+\.\d+)/.exec(execFileSync("busybox", { encoding: "utf8" }).split("\n")[0] ?? "")?.[1] ??
  "latest";
const BUSYBOX_SPEC = `apiVersion: imagebuild/v1
kind: ImageBuild
description: end-to-end busybox image
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:${BUSYBOX_TAG}
      RUN echo built-through-the-function > /etc/motd
`;

const dataDir = mkdtempSync(path.join(tmpdir(), "local-cloud-e2e-"));
const bucketDir = mkdtempSync(path.join(tmpdir(), "local-cloud-e2e-bucket-"));
const sYaml = functionSYaml();
const cleanup: string[] = [dataDir, bucketDir];
let pai: LocalPai;
beforeAll(async () => {
  pai = await createLocalPai({
    dataDir,
    port: 0,
    registryPort: 0,
    seedImages: ["busybox"],
    concurrency: 1,
  });
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await pai?.close();
  sYaml.cleanup();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

describe("end to end on the local service (real buildah build, real registry)", () => {
  it(
    "a push through the bundle builds the busybox spec once, even when pushed again, and the image lands in the registry and the workspace",
    async () => {
      const repo = createSpecRepo({
        files: { "specs/e2e-busybox/1.0.0.yaml": BUSYBOX_SPEC },
        registry: `${pai.registry.host}/pai`,
      });
      cleanup.push(repo.dir);
      const dev = await startDevPipeline({
        repoDir: repo.dir,
        bucketDir,
        paiUrl: pai.url,
        registryUrl: pai.registry.url,
        secret: "e2e-secret-0123456789abcdef",
        sYamlPath: sYaml.path,
        env: {},
        out: () => {},
        timers: false,
      });
      const responses = [];
      try {
        for (let i = 0; i < 3; i++)
          responses.push(await dev.push({ all: true, followInBackground: false }));
      } finally {
        await dev.close();
      }
      const jobIds = new Set(
        responses.map((r) => (r.results[0]?.status === "submitted" ? r.results[0].jobId : "")),
      );
      expect(responses[0]?.results[0]).toMatchObject({
        file: "specs/e2e-busybox/1.0.0.yaml",
        status: "submitted",
      });
      expect(jobIds.size).toBe(1);

      const client = createPaiClient({ endpoint: pai.url, env: {} });
      try {
        const [jobId] = [...jobIds] as string[];
        const job = await client.waitForJob(jobId ?? "", {
          pollMs: 500,
          timeoutMs: BUILD_TIMEOUT_MS,
        });
        expect(job.Status).toBe("Succeeded");
        expect(await pai.registry.hasManifest("pai/e2e-busybox", "1.0.0")).toBe(true);
        const { Images } = await client.listImages({ WorkspaceId: "local" });
        expect(
          Images.filter((image) => image.ImageUri === `${pai.registry.host}/pai/e2e-busybox:1.0.0`),
        ).toHaveLength(1);
      } finally {
        await client.close();
      }
    },
    BUILD_TIMEOUT_MS,
  );
});
