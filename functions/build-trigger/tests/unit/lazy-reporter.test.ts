/** lazyReporter: nothing is loaded until the first report, then one instance serves every report. */
import { describe, expect, it } from "vitest";
import type { Reporter } from "../../src/report/create-reporter.ts";
import { lazyReporter } from "../../src/report/lazy-reporter.ts";
import type { ReportTrigger } from "../../src/report/report-trigger.ts";

const trigger: ReportTrigger = { kind: "timer", label: "tick", deliveryKey: "timer:1" };

function recording() {
  const calls: string[] = [];
  const reporter: Reporter = {
    reportSubmitted: async () => {
      calls.push("submitted");
    },
    reportFinished: async () => {
      calls.push("finished");
    },
  };
  return { calls, reporter };
}

describe("lazyReporter", () => {
  it("loads on the first report, once, and passes every report to that one instance", async () => {
    const { calls, reporter } = recording();
    let loads = 0;
    const lazy = lazyReporter(async () => {
      loads += 1;
      return reporter;
    });
    expect(loads).toBe(0);
    await Promise.all([
      lazy.reportSubmitted({ trigger, results: [] }),
      lazy.reportFinished({ trigger, results: [], finished: [] }),
    ]);
    await lazy.reportSubmitted({ trigger, results: [] });
    expect(loads).toBe(1);
    expect(calls.sort()).toEqual(["finished", "submitted", "submitted"]);
  });

  it("tries the load again after it failed", async () => {
    const { calls, reporter } = recording();
    let loads = 0;
    const lazy = lazyReporter(async () => {
      loads += 1;
      if (loads === 1) throw new Error("import failed");
      return reporter;
    });
    await expect(lazy.reportSubmitted({ trigger, results: [] })).rejects.toThrow("import failed");
    await lazy.reportSubmitted({ trigger, results: [] });
    expect(loads).toBe(2);
    expect(calls).toEqual(["submitted"]);
  });
});
