/** The dev pipeline drives the bundle s.yaml names: built by its pre-deploy step, configured by s.yaml, reading specs from the git host. */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createSpecRepo,
  type PaiServer,
  specYaml,
  startPaiServer,
  writeFiles,
} from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevPipeline, startDevPipeline } from "../../src/dev/start-dev-pipeline.ts";
import { gitPushPayload, sendGithubPush } from "../../src/git-host/git-push-event.ts";
import { functionSYaml } from "../fixtures/function-s-yaml.ts";

const SECRET = "dev-secret-0123456789abcdef";
const OSS_WAIT_MS = 30_000;
const DIGEST_WAIT_MS = 30_000;

const repo = createSpecRepo({
  files: { "specs/tool-a/1.0.0.yaml": specYaml({ name: "a" }), "s.yaml": "not used" },
});
const bucketDir = mkdtempSync(path.join(tmpdir(), "local-cloud-bucket-"));
const sYaml = functionSYaml();
const lines: string[] = [];
let pai: PaiServer;
let dev: DevPipeline;

beforeAll(async () => {
  pai = await startPaiServer();
  dev = await startDevPipeline({
    repoDir: repo.dir,
    bucketDir,
    paiUrl: pai.url,
    registryUrl: "http://127.0.0.1:1",
    secret: SECRET,
    sYamlPath: sYaml.path,
    env: {},
    out: (line) => lines.push(line),
    timers: false,
  });
}, 240_000);
afterAll(async () => {
  await dev?.close();
  await pai?.close();
  sYaml.cleanup();
  for (const dir of [repo.dir, bucketDir]) rmSync(dir, { recursive: true, force: true });
});

describe("startDevPipeline", () => {
  it("built the missing code with s.yaml's pre-deploy step", () => {
    expect(existsSync(path.join(sYaml.codeDir, "index.mjs"))).toBe(true);
    expect(lines.some((line) => line.includes("running s.yaml pre-deploy"))).toBe(true);
  });

  it(
    "a push reaches the bundle, which reads the spec from the git host and submits it",
    async () => {
      const { status, results } = await dev.push({ all: true, followInBackground: false });
      expect(status).toBe(202);
      expect(results).toMatchObject([{ file: "specs/tool-a/1.0.0.yaml", status: "submitted" }]);
      expect(pai.builds.size).toBe(1);
      // The function's own JSON logs come back formatted.
      expect(lines.some((line) => line.startsWith("fn    [http]"))).toBe(true);
      // Visible locally: the pending status and the digests, as the function posted them.
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^status pending +imagebuild\/tool-a:1\.0\.0 [0-9a-f]{12}: building: job /,
        ),
      );
      // The digest follows the build's end (the follow step), then each service's spacing.
      const digests = ["dingtalk (signed)", "lark (signed)", "slack"].map(
        (channel) => new RegExp(`^chat  ${channel.replace(/[()]/g, "\\$&")}: (### )?imagebuild: `),
      );
      const deadline = Date.now() + DIGEST_WAIT_MS;
      while (!digests.every((d) => lines.some((l) => d.test(l))) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      for (const digest of digests) expect(lines).toContainEqual(expect.stringMatching(digest));
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^status success +imagebuild\/tool-a:1\.0\.0 [0-9a-f]{12}: built: job /,
        ),
      );
    },
    DIGEST_WAIT_MS + 10_000,
  );

  it("the HTTP trigger answers /healthz and refuses a wrong signature", async () => {
    expect((await fetch(`${dev.handlerUrl}/healthz`)).status).toBe(200);
    const payload = gitPushPayload({ repoDir: repo.dir, repository: dev.repository });
    const { status } = await sendGithubPush({ url: dev.handlerUrl, secret: "wrong", payload });
    expect(status).toBe(401);
  });

  it(
    "a spec dropped into the bucket folder goes through the OSS trigger and is built",
    async () => {
      writeFiles(bucketDir, { "specs/tool-c/1.0.0.yaml": specYaml({ name: "c" }) });
      const deadline = Date.now() + OSS_WAIT_MS;
      const reported = /^oss +specs\/tool-c\/1\.0\.0\.yaml: submitted/;
      // The answer is logged after the build exists (the function reads the job first) and after
      // the chat digest, which keeps each service's spacing (DingTalk: 3 s).
      while (
        (pai.builds.size < 2 || !lines.some((line) => reported.test(line))) &&
        Date.now() < deadline
      )
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect(pai.builds.size).toBe(2);
      expect(lines).toContainEqual(expect.stringMatching(reported));
    },
    OSS_WAIT_MS + 5000,
  );
});
