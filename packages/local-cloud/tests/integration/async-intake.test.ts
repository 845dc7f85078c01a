/** Durable intake through the local FC host: the bundle answers 202 at once, job records are delivered at least once, builds happen exactly once. */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { createSpecRepo, type PaiServer, specYaml, startPaiServer } from "@imagebuild/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FcHost, startFcHost } from "../../src/fc/start-fc-host.ts";
import { type GitHostServer, startGitHostServer } from "../../src/git-host/git-host-server.ts";
import { gitPushPayload, sendGithubPush } from "../../src/git-host/git-push-event.ts";
import { functionSYaml } from "../fixtures/function-s-yaml.ts";

const SECRET = "intake-secret-0123456789abcdef";
const SPEC_COUNT = 100;
const REPOSITORY = "local/intake";
const files = Object.fromEntries(
  Array.from({ length: SPEC_COUNT }, (_, i) => [
    `specs/tool-${i}/1.0.0.yaml`,
    specYaml({ name: `tool-${i}` }),
  ]),
);
const repo = createSpecRepo({ files });
const sYaml = functionSYaml();
let git: GitHostServer;
let pai: PaiServer | undefined;
let host: FcHost | undefined;
// Kill only after the measured push's answer, not the warm-up's.
let armed = false;

beforeAll(async () => {
  git = await startGitHostServer({ repoDir: repo.dir, repository: REPOSITORY });
}, 60_000);
afterEach(async () => {
  await host?.close();
  await pai?.close();
  host = undefined;
  pai = undefined;
});
afterAll(async () => {
  await git?.close();
  sYaml.cleanup();
  rmSync(repo.dir, { recursive: true, force: true });
});

async function start({
  killAfterAnswer = false,
  duplicateAsync = () => false,
  paiOptions = {},
}: {
  killAfterAnswer?: boolean;
  duplicateAsync?: (taskId: string) => boolean;
  paiOptions?: Parameters<typeof startPaiServer>[0];
}) {
  pai = await startPaiServer(paiOptions);
  const answers: unknown[] = [];
  armed = false;
  const started: FcHost = await startFcHost({
    sYamlPath: sYaml.path,
    sEnv: {
      IMAGEBUILD_ENV: "local",
      IMAGEBUILD_ALLOWED_REPOSITORIES: REPOSITORY,
      IMAGEBUILD_ALLOWED_BRANCHES: "main",
      IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: SECRET,
      IMAGEBUILD_ALLOWED_SOURCE_HOSTS: git.host,
    },
    endpoints: {
      IMAGEBUILD_ENDPOINT: pai.url,
      IMAGEBUILD_GITHUB_API_URL: git.url,
      IMAGEBUILD_RATE_PER_SECOND: "200",
      IMAGEBUILD_CONCURRENCY: "16",
      IMAGEBUILD_FOLLOW_POLL_MS: "50",
    },
    timers: false,
    out: () => {},
    onLog: () => {},
    onAnswer: (kind, answer) => {
      if (kind === "http" && killAfterAnswer && armed) void started.killInstance();
      if (kind === "invoke") answers.push(answer);
    },
    duplicateAsync,
  });
  host = started;
  return { host: started, answers };
}

async function warm(url: string) {
  const payload = gitPushPayload({ repoDir: repo.dir, repository: REPOSITORY, all: true });
  const other = { ...payload, ref: "refs/heads/not-built" };
  const { status } = await sendGithubPush({ url, secret: SECRET, payload: other });
  if (status !== 202) throw new Error(`warm-up push answered ${status}`);
  armed = true;
}

async function pushAll(url: string) {
  const payload = gitPushPayload({ repoDir: repo.dir, repository: REPOSITORY, all: true });
  const started = performance.now();
  const answer = await sendGithubPush({ url, secret: SECRET, payload, delivery: randomUUID() });
  return { ...answer, ms: performance.now() - started };
}

const imagesBuilt = () => [...(pai?.builds.values() ?? [])].map((build) => build.imageUri).sort();

describe("durable intake on the local FC host", () => {
  it("a 100-spec push: 202 in under 1 s, 100 specs built exactly once even when the answering instance is killed right after", async () => {
    const { host, answers } = await start({ killAfterAnswer: true });
    // Warm the instance with a push it answers without work (another branch): the 202 measured
    // below is intake, not the instance's cold start.
    await warm(host.url);
    const { status, body, ms } = await pushAll(host.url);
    expect(status).toBe(202);
    expect(JSON.parse(body)).toMatchObject({ status: "accepted", records: 4, specs: SPEC_COUNT });
    expect(ms).toBeLessThan(1000);
    await host.asyncIdle();
    expect(pai?.builds.size).toBe(SPEC_COUNT);
    expect(new Set(imagesBuilt()).size).toBe(SPEC_COUNT);
    // The killed instance's deliveries failed and FC's retries ran them on a new instance.
    expect([...host.asyncTasks.values()].some((task) => task.deliveries > 1)).toBe(true);
    expect([...host.asyncTasks.values()].every((task) => task.status === "succeeded")).toBe(true);
    // Followed to the end: every job reported terminal.
    const finals = answers.flatMap((a) => {
      const record = a as { status: string; results: { finalStatus?: string }[] };
      return record.status === "followed" || record.status === "following"
        ? record.results.map((r) => r.finalStatus)
        : [];
    });
    expect(finals.filter((s) => s === "Succeeded").length).toBeGreaterThanOrEqual(SPEC_COUNT);
  }, 240_000);

  it("every async record delivered twice still gives one build per spec; a redelivered webhook enqueues nothing", async () => {
    const { host } = await start({ duplicateAsync: () => true });
    const payload = gitPushPayload({ repoDir: repo.dir, repository: REPOSITORY, all: true });
    const delivery = randomUUID();
    const first = await sendGithubPush({ url: host.url, secret: SECRET, payload, delivery });
    const again = await sendGithubPush({ url: host.url, secret: SECRET, payload, delivery });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    await host.asyncIdle();
    const tasks = [...host.asyncTasks.values()];
    expect(tasks.filter((task) => task.taskId.includes("_d")).every((t) => t.deliveries >= 2)).toBe(
      true,
    );
    expect(pai?.builds.size).toBe(SPEC_COUNT);
    expect(pai?.stats.replays).toBeGreaterThanOrEqual(SPEC_COUNT);
  }, 240_000);

  it("follow reaches terminal statuses (a failing build reported Failed with its reason)", async () => {
    const { host, answers } = await start({
      paiOptions: { statusesBeforeEnd: ["Queuing", "Running"], failingImageNames: ["tool-7"] },
    });
    const { status } = await pushAll(host.url);
    expect(status).toBe(202);
    await host.asyncIdle();
    const finals = new Map<string, string | undefined>();
    for (const a of answers) {
      const record = a as { status: string; results: { file: string; finalStatus?: string }[] };
      if (record.status === "followed" || record.status === "following")
        for (const r of record.results) finals.set(r.file, r.finalStatus);
    }
    expect(finals.size).toBe(SPEC_COUNT);
    expect(finals.get("specs/tool-7/1.0.0.yaml")).toBe("Failed");
    expect([...finals.values()].filter((s) => s === "Succeeded")).toHaveLength(SPEC_COUNT - 1);
  }, 240_000);
});
