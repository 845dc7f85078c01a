/** Rebuild after failure, still exactly once: attempts per content against the scripted PAI server. */
import { createPaiClient } from "@imagebuild/pai-client";
import { backdateJobs, type PaiServer, startPaiServer } from "@imagebuild/test-support";
import { afterEach, describe, expect, it } from "vitest";
import {
  ATTEMPT_SLOT_SEPARATOR,
  attemptSlot,
  BUILD_ATTEMPTS_EXHAUSTED,
  type BuildSpecsContext,
  buildSpecs,
  CONTENT_SLOT,
  type DispatchResult,
  dispatch,
  loadSpecs,
  MAX_BUILD_ATTEMPTS,
  memorySource,
  prepareBuilds,
  type SpecOutcome,
} from "../../src/index.ts";

const FILE = "specs/flaky/1.0.0.yaml";
const FILES = {
  "specs/_defaults.yaml": `apiVersion: imagebuild/v1
kind: Defaults
registry: 127.0.0.1:5000/pai
build:
  WorkspaceId: local
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise }
`,
  [FILE]: `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    Dockerfile: "FROM busybox:1.36\\nRUN ./sometimes-fails\\n"
`,
};
const TEN_MINUTES_MS = 10 * 60_000;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(options: Parameters<typeof startPaiServer>[0] = {}) {
  const pai = await startPaiServer({ failingImageNames: ["flaky"], ...options });
  const client = createPaiClient({ endpoint: pai.url, env: {} });
  closers.push(
    () => client.close(),
    () => pai.close(),
  );
  const context: BuildSpecsContext = {
    client,
    config: { specPrefix: "specs/", ratePerSecond: 1000 },
    log: { info() {}, warn() {}, error() {} },
    env: {},
  };
  // One trigger of the function (a push, its redelivery, an async retry): same content, same slot.
  const trigger = async (): Promise<SpecOutcome> => {
    const [outcome] = await buildSpecs({
      source: memorySource(FILES),
      paths: [FILE],
      slotFor: () => ({ slot: CONTENT_SLOT }),
      context,
    });
    return outcome as SpecOutcome;
  };
  return { pai, client, trigger };
}

// The job runs to its end, then time passes: GetJob now says it ended ten minutes ago.
async function finishAndAge(pai: PaiServer, client: ReturnType<typeof createPaiClient>) {
  for (const jobId of pai.jobs.keys()) await client.waitForJob(jobId, { pollMs: 1 });
  backdateJobs(pai.jobs, TEN_MINUTES_MS);
}

function submitted(outcome: SpecOutcome | DispatchResult) {
  expect(outcome.status).toBe("submitted");
  return outcome as Extract<DispatchResult, { status: "submitted" }>;
}

describe("attempt slots", () => {
  // Attempt 1 keeps every token ever issued; later attempts are pinned like the other slots.
  it("are the slot itself, then the slot with #attempt:n", () => {
    expect(attemptSlot(CONTENT_SLOT, 1)).toBe("content");
    expect(attemptSlot(CONTENT_SLOT, 2)).toBe("content#attempt:2");
    expect(attemptSlot("schedule:2026-11-27T04:00:00.000Z", 3)).toBe(
      "schedule:2026-11-27T04:00:00.000Z#attempt:3",
    );
    expect(ATTEMPT_SLOT_SEPARATOR).toBe("#attempt:");
    expect(() => attemptSlot(CONTENT_SLOT, 0)).toThrow(RangeError);
  });
});

describe("rebuild after failure", () => {
  it("rebuilds a failed build on the next trigger of the same content; its redelivery builds nothing more", async () => {
    const { pai, client, trigger } = await setup();
    const first = submitted(await trigger());
    expect(first).toMatchObject({ jobId: "dlc-1", attempt: 1 });
    expect(first.replay).toBeUndefined();
    await finishAndAge(pai, client);
    expect(pai.jobs.get("dlc-1")?.status).toBe("Failed");

    pai.failingImageNames.delete("flaky"); // the flaky step passes this time
    const next = submitted(await trigger());
    expect(next).toMatchObject({
      jobId: "dlc-2",
      attempt: 2,
      rebuildOf: { jobId: "dlc-1", status: "Failed", reason: "RUN step exited with 1" },
    });
    expect(next.clientToken).not.toBe(first.clientToken);
    // The redelivery, while attempt 2 still runs: the same job, nothing new.
    const redelivered = submitted(await trigger());
    expect(redelivered).toMatchObject({ jobId: "dlc-2", attempt: 2 });
    expect(pai.stats.builds).toBe(2);

    // And after it succeeded, however often the push comes again: never redone.
    await finishAndAge(pai, client);
    for (let i = 0; i < 3; i += 1) {
      const again = submitted(await trigger());
      expect(again).toMatchObject({
        jobId: "dlc-2",
        attempt: 2,
        replay: { jobId: "dlc-2", status: "Succeeded" },
      });
    }
    expect(pai.stats.builds).toBe(2);
  });

  it("ten concurrent redeliveries after a failure make exactly one new build", async () => {
    const { pai, client, trigger } = await setup();
    await trigger();
    await finishAndAge(pai, client);
    const outcomes = (await Promise.all(Array.from({ length: 10 }, trigger))).map(submitted);
    expect(pai.stats.builds).toBe(2);
    expect(new Set(outcomes.map((o) => o.jobId))).toEqual(new Set(["dlc-2"]));
    expect(outcomes.every((o) => o.attempt === 2 && o.rebuildOf?.jobId === "dlc-1")).toBe(true);

    // Attempt 2 fails too: ten more concurrent deliveries make attempt 3, once.
    await finishAndAge(pai, client);
    const third = (await Promise.all(Array.from({ length: 10 }, trigger))).map(submitted);
    expect(pai.stats.builds).toBe(3);
    expect(new Set(third.map((o) => `${o.jobId}#${o.attempt}`))).toEqual(new Set(["dlc-3#3"]));
  });

  it("never redoes a succeeded build, nor resubmits one still running", async () => {
    const { pai, client, trigger } = await setup({
      failingImageNames: [],
      statusesBeforeEnd: ["Running", "Running"],
    });
    await trigger();
    backdateJobs(pai.jobs, TEN_MINUTES_MS); // created ten minutes ago, still running
    const running = submitted(await trigger());
    expect(running).toMatchObject({ jobId: "dlc-1", attempt: 1, replay: { jobId: "dlc-1" } });
    expect(running.replay?.status).not.toMatch(/Succeeded|Failed|Stopped/);
    await finishAndAge(pai, client);
    const done = submitted(await trigger());
    expect(done.replay).toMatchObject({ jobId: "dlc-1", status: "Succeeded" });
    expect(pai.stats.builds).toBe(1);
  });

  it("rebuilds a stopped build too", async () => {
    const { pai, client, trigger } = await setup({ failingImageNames: [] });
    await trigger();
    await client.stopJob("dlc-1");
    backdateJobs(pai.jobs, TEN_MINUTES_MS);
    const next = submitted(await trigger());
    expect(next).toMatchObject({ jobId: "dlc-2", attempt: 2, rebuildOf: { status: "Stopped" } });
    expect(pai.stats.builds).toBe(2);
  });

  it("does not take a build that failed at once for a replay: one build per trigger", async () => {
    // GetJob's first answer is already Failed: a fresh build that failed before it could be read.
    const { pai, trigger } = await setup({ statusesBeforeEnd: [] });
    const first = submitted(await trigger());
    expect(first).toMatchObject({ jobId: "dlc-1", attempt: 1 });
    expect(first.replay).toBeUndefined();
    expect(pai.jobs.get("dlc-1")?.status).toBe("Failed");
    expect(pai.stats.builds).toBe(1);
  });

  it(`stops after ${MAX_BUILD_ATTEMPTS} failed attempts with ${BUILD_ATTEMPTS_EXHAUSTED}`, async () => {
    const { pai, client, trigger } = await setup();
    for (let attempt = 1; attempt <= MAX_BUILD_ATTEMPTS; attempt += 1) {
      expect(submitted(await trigger()).attempt).toBe(attempt);
      await finishAndAge(pai, client);
    }
    const exhausted = await trigger();
    expect(exhausted).toMatchObject({
      status: "failed",
      error: {
        code: BUILD_ATTEMPTS_EXHAUSTED,
        retryable: false,
        message: expect.stringContaining(`job dlc-${MAX_BUILD_ATTEMPTS}`),
      },
    });
    expect(pai.stats.builds).toBe(MAX_BUILD_ATTEMPTS);
  });
});

describe("dispatch({ rebuild: true })", () => {
  it("starts exactly one new attempt, even after a success and even ten at once", async () => {
    const { pai, client, trigger } = await setup({ failingImageNames: [] });
    await trigger();
    await finishAndAge(pai, client);
    const { specs } = await loadSpecs({ source: memorySource(FILES) });
    const rebuild = async () => {
      const { items } = prepareBuilds({ specs, env: {} });
      const [result] = await dispatch({ client, items, rebuild: true, ratePerSecond: 1000 });
      return submitted(result as DispatchResult);
    };
    const rebuilt = await Promise.all(Array.from({ length: 10 }, rebuild));
    expect(pai.stats.builds).toBe(2);
    expect(new Set(rebuilt.map((r) => r.jobId))).toEqual(new Set(["dlc-2"]));
    expect(rebuilt[0]).toMatchObject({ attempt: 2, rebuildOf: { status: "Succeeded" } });
    // A plain trigger afterwards keeps to the first success.
    expect(submitted(await trigger()).jobId).toBe("dlc-1");
    expect(pai.stats.builds).toBe(2);
  });
});
