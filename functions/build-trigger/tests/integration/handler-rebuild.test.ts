/** A failed build is rebuilt by the next push of the same content; redeliveries of that push build nothing more. */
import { createPaiClient } from "@imagebuild/pai-client";
import { backdateJobs, type PaiServer, startPaiServer } from "@imagebuild/test-support";
import { describe, expect, it } from "vitest";
import { githubPush, githubPushEvent } from "../fixtures/events.ts";
import { buffer, parse, useHandlerHarness } from "../fixtures/handler-harness.ts";

const harness = useHandlerHarness();
const { repo, setup } = harness;
const FILE = "specs/tool-a/1.0.0.yaml";
const push = githubPush({ files: [FILE], after: repo.sha });
const TEN_MINUTES_MS = 10 * 60_000;

type Submitted = { status: string; jobId: string; attempt: number; rebuildOf?: { jobId: string } };

// Each delivery on a fresh instance, as FC may route it: nothing remembered between them.
async function deliver(pai: PaiServer, delivery: string): Promise<Submitted> {
  const { handler } = setup(pai);
  const response = parse(await handler(buffer(githubPushEvent({ payload: push, delivery }))));
  expect(response.statusCode).toBe(202);
  return (response.body.results as Submitted[])[0] as Submitted;
}

// The builds run to their end; then time passes, so the next push finds them ended 10 minutes ago.
async function finishAndAge(pai: PaiServer): Promise<void> {
  const client = createPaiClient({ endpoint: pai.url, env: {} });
  try {
    for (const jobId of pai.jobs.keys()) await client.waitForJob(jobId, { pollMs: 1 });
  } finally {
    await client.close();
  }
  backdateJobs(pai.jobs, TEN_MINUTES_MS);
}

describe("GitHub push after a failed build", () => {
  it("the next push rebuilds once; its redeliveries, one by one and ten at once, build nothing more", async () => {
    const pai = await startPaiServer({ failingImageNames: ["tool-a"] });
    try {
      expect(await deliver(pai, "delivery-1")).toMatchObject({ jobId: "dlc-1", attempt: 1 });
      await finishAndAge(pai);
      expect(pai.jobs.get("dlc-1")?.status).toBe("Failed");
      pai.failingImageNames.delete("tool-a");

      const next = await deliver(pai, "delivery-2");
      expect(next).toMatchObject({
        status: "submitted",
        jobId: "dlc-2",
        attempt: 2,
        rebuildOf: { jobId: "dlc-1", status: "Failed" },
      });
      expect(await deliver(pai, "delivery-2")).toMatchObject({ jobId: "dlc-2", attempt: 2 });
      const redeliveries = await Promise.all(
        Array.from({ length: 10 }, () => deliver(pai, "delivery-2")),
      );
      expect(new Set(redeliveries.map((r) => `${r.jobId}#${r.attempt}`))).toEqual(
        new Set(["dlc-2#2"]),
      );
      expect(pai.stats.builds).toBe(2);

      // Succeeded: never redone, however often the same content is pushed.
      await finishAndAge(pai);
      const after = await Promise.all(
        Array.from({ length: 10 }, (_, i) => deliver(pai, `delivery-${3 + i}`)),
      );
      expect(after.every((r) => r.jobId === "dlc-2")).toBe(true);
      expect(pai.stats.builds).toBe(2);
    } finally {
      await pai.close();
    }
  });
});
