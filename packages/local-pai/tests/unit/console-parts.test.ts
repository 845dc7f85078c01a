/** The console's pure parts: escaping, durations, the failing step and the pushed digest read from a log. */
import { describe, expect, it } from "vitest";
import { failingStep, pushedDigest } from "../../src/console/build-facts.ts";
import { escapeHtml, formatDuration } from "../../src/console/html.ts";
import { renderLog } from "../../src/console/render-build-page.ts";
import { triggerHtml } from "../../src/console/render-status.ts";

const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("console parts", () => {
  it("escapes markup and quotes", () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;",
    );
  });

  it("formats durations", () => {
    expect([0, 42, 185, 3720].map(formatDuration)).toEqual(["0s", "42s", "3m 05s", "1h 02m"]);
  });

  it("finds the failing step from its header to the builder's last line", () => {
    const lines = [
      "[local-pai] status Running",
      "STEP 1/2: FROM busybox",
      "STEP 2/2: RUN false",
      'Error: building at STEP "RUN false": exit status 1',
      "[local-pai] status Failed (BuildFailed: exit status 1)",
    ];
    expect(failingStep(lines)).toEqual({ start: 2, end: 4, title: "STEP 2/2: RUN false" });
    expect(renderLog(lines, failingStep(lines))).toContain(
      '<mark class="failed-step" id="failed-step" tabindex="-1"><span class="line">STEP 2/2: RUN false</span>',
    );
  });

  it("names the push when the build failed after its last step", () => {
    const lines = ["STEP 1/1: FROM busybox", "pushing 127.0.0.1:5000/a:1", "Error: unauthorized"];
    expect(failingStep(lines)?.title).toBe("push");
  });

  it("has no failing step when the build never reached one", () => {
    expect(failingStep(["[local-pai] status Failed (EnvPrepareFailed: no base images)"])).toBe(
      undefined,
    );
  });

  it("reads the pushed digest from the queue's Succeeded line", () => {
    expect(pushedDigest([`[local-pai] status Succeeded (${DIGEST}, 2048 bytes)`])).toEqual({
      digest: DIGEST,
      sizeBytes: 2048,
    });
    expect(pushedDigest(["[local-pai] status Running"])).toBe(undefined);
  });

  it("words the trigger and escapes its detail", () => {
    expect(triggerHtml("cli")).toBe("CLI");
    expect(triggerHtml("timer:2026-11-27T04:00:00.000Z")).toBe(
      "timer <code>2026-11-27T04:00:00.000Z</code>",
    );
    expect(triggerHtml("push:<b>")).toBe("push <code>&lt;b&gt;</code>");
    expect(triggerHtml(undefined)).toContain("not recorded");
  });
});
