/** End to end: a signed push through the handler to the local PAI service, a real buildah build and registry. */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLocalPai, type LocalPai } from "@imagebuild/local-pai";
import { createPaiClient } from "@imagebuild/pai-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler } from "../../src/create-handler.ts";
import { createLogger } from "../../src/logger.ts";
import { GITHUB_SECRET, githubPush, githubPushEvent, settling } from "../fixtures/events.ts";
import { createSpecRepo } from "@imagebuild/test-support";

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

let pai: LocalPai;
beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "build-trigger-e2e-"));
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
});

describe("end to end on the local service (real buildah build, real registry)", () => {
  it(
    "a signed push builds the busybox spec once, even when redelivered, and the image lands in the registry and the workspace",
    async () => {
      const repo = createSpecRepo({
        files: { "specs/e2e-busybox/1.0.0.yaml": BUSYBOX_SPEC },
        registry: `${pai.registry.host}/pai`,
      });
      const handler = settling(
        createHandler({
          env: {
            IMAGEBUILD_ENDPOINT: pai.url,
            IMAGEBUILD_ENV: "local",
            IMAGEBUILD_LOCAL_REPO: repo.dir,
            IMAGEBUILD_ALLOWED_REPOSITORIES: "acme/images",
            IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: GITHUB_SECRET,
          },
          log: createLogger({ write: () => {} }),
        }),
      );
      const delivery = buffer(
        githubPushEvent({
          payload: githubPush({ files: ["specs/e2e-busybox/1.0.0.yaml"], after: repo.sha }),
        }),
      );
      const responses = [];
      for (let i = 0; i < 3; i++)
        responses.push(JSON.parse(((await handler(delivery)) as { body: string }).body));
      const jobIds = new Set(responses.map((r) => r.results[0].jobId));
      expect(responses[0].results[0]).toMatchObject({
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

function buffer(event: unknown): Buffer {
  return Buffer.from(JSON.stringify(event));
}
