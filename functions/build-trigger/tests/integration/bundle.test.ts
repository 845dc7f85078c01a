/** The esbuild bundle: size goal, and a fresh Node process running it against real stub servers. */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GITHUB_SECRET, githubPush, githubPushEvent, httpEvent } from "../fixtures/events.ts";
import { startGitHostServer, type GitHostServer } from "../fixtures/git-host-server.ts";
import {
  BAD_SPEC_YAML,
  createSpecRepo,
  type PaiServer,
  specYaml,
  startPaiServer,
} from "@imagebuild/test-support";
import { type FcApiServer, startFcApiServer } from "@imagebuild/local-cloud";

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// A temp folder, so a parallel `bundle` target writing dist/ cannot race this test.
const BUNDLE = path.join(mkdtempSync(path.join(tmpdir(), "bundle-")), "index.mjs");
// ~545 KiB with the package parsers and the base-change comparison, so 15 KiB of margin.
// See docs/decisions/build-trigger-bundle.md.
const BUNDLE_LIMIT_BYTES = 560 * 1024;

const repo = createSpecRepo({
  files: {
    "specs/tool-a/1.0.0.yaml": specYaml({ name: "a" }),
    "specs/broken/1.0.0.yaml": BAD_SPEC_YAML,
  },
});
let github: GitHostServer;
let pai: PaiServer;
let fc: FcApiServer;
const enqueued: Buffer[] = [];

beforeAll(async () => {
  execFileSync(
    process.execPath,
    ["--import", "tsx", path.join(PACKAGE_DIR, "scripts", "bundle.ts"), "--outfile", BUNDLE],
    { cwd: PACKAGE_DIR },
  );
  github = await startGitHostServer({ repoDir: repo.dir, repository: "acme/images" });
  pai = await startPaiServer({ failFirst: 1, failure: "503" });
  fc = await startFcApiServer({
    functionName: "imagebuild-build-trigger",
    enqueueAsync: (payload) => enqueued.push(payload) > 0,
    invokeSync: () => Promise.reject(new Error("not used")),
  });
}, 60_000);
afterAll(async () => {
  await Promise.all([github.close(), pai.close(), fc.close()]);
});

/** Runs the bundled handler in a fresh Node process, as Function Compute would load index.mjs. */
function invoke(event: unknown, env: Record<string, string>): Promise<unknown> {
  const script = `import { handler } from ${JSON.stringify(BUNDLE)};
const event = Buffer.from(process.env.EVENT, "utf8");
// A dispatch past the 8 s deadline on a busy machine answers "accepted"; redeliver to join it.
let result;
for (let attempt = 0; attempt < 10; attempt++) {
  result = await handler(event, { requestId: "bundle-test" });
  if (!String(result?.body ?? "").includes('"status":"accepted"')) break;
}
process.stdout.write("RESULT " + JSON.stringify(result) + "\\n");`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      env: { PATH: process.env.PATH ?? "", EVENT: JSON.stringify(event), ...env },
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("close", () => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (line) resolve(JSON.parse(line.slice("RESULT ".length)));
      else reject(new Error(out));
    });
  });
}

describe("the esbuild bundle", () => {
  it("is one ESM file under the size goal", () => {
    expect(statSync(BUNDLE).size).toBeLessThan(BUNDLE_LIMIT_BYTES);
  });

  it("answers /healthz and builds a signed push end to end (PAI retried through fetch)", async () => {
    const env = {
      IMAGEBUILD_ENDPOINT: pai.url,
      IMAGEBUILD_ENV: "local",
      IMAGEBUILD_ALLOWED_REPOSITORIES: "acme/images",
      IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: GITHUB_SECRET,
      IMAGEBUILD_GITHUB_API_URL: github.url,
      IMAGEBUILD_ALLOWED_SOURCE_HOSTS: github.host,
      IMAGEBUILD_FC_ENDPOINT: fc.url,
      FC_FUNCTION_NAME: "imagebuild-build-trigger",
    };
    const health = (await invoke(
      httpEvent({ body: "", method: "GET", path: "/healthz" }),
      env,
    )) as { statusCode: number };
    expect(health.statusCode).toBe(200);
    const event = githubPushEvent({
      payload: githubPush({ files: ["specs/tool-a/1.0.0.yaml"], after: repo.sha }),
    });
    const response = (await invoke(event, env)) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body)).toMatchObject({ status: "accepted", records: 1, specs: 1 });
    // The HTTP trigger handed a job record to FC's InvokeFunction; run it as FC would.
    expect(enqueued).toHaveLength(1);
    const worker = (await invoke(JSON.parse(String(enqueued[0])), env)) as {
      status: string;
      results: unknown[];
    };
    expect(worker.status).toBe("dispatched");
    expect(worker.results[0]).toMatchObject({
      file: "specs/tool-a/1.0.0.yaml",
      status: "submitted",
    });
    expect(enqueued).toHaveLength(2);
    expect(JSON.parse(String(enqueued[1]))).toMatchObject({ phase: "follow", round: 0 });
    expect(pai.stats.createCalls).toBe(2);
    expect(pai.builds.size).toBe(1);
  });
});
