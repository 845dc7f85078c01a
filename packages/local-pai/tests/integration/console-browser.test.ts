/** The console in headless chromium against the real service: real buildah builds, live updates, stop. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalPai, type LocalPai } from "../../src/create-local-pai.ts";
import { PHONE, startBrowser, type BrowserHarness } from "../fixtures/console-browser.ts";
import { buildRequest, call, tempDataDir, waitForStatus } from "../fixtures/service-harness.ts";
import { TEST_CACHE_DIR } from "../fixtures/spawn-local-serve.ts";

const BUILD_TEST_TIMEOUT_MS = 240_000;
/** Real builds on a shared two-core machine: generous, but a hang still fails. */
const UI_TIMEOUT_MS = 180_000;

describe("the console in a browser (real builds, FROM busybox)", () => {
  let pai: LocalPai;
  let browser: BrowserHarness;
  let cleanup: () => void;
  beforeAll(async () => {
    let dataDir: string;
    ({ dataDir, cleanup } = tempDataDir());
    process.env.IMAGEBUILD_CACHE_DIR = TEST_CACHE_DIR;
    [pai, browser] = await Promise.all([
      createLocalPai({ dataDir, port: 0, registryPort: 0, seedImages: ["busybox"] }),
      startBrowser(),
    ]);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await pai?.close();
    cleanup?.();
  });

  const submit = async (name: string, dockerfile: string, trigger?: string) => {
    const created = await call(`${pai.url}/api/v1/imagebuilds`, {
      method: "POST",
      body: buildRequest({ name, uri: `${pai.registry.host}/team/${name}:1.0`, dockerfile }),
      headers: trigger ? { "x-imagebuild-trigger": trigger } : {},
    });
    expect(created.status).toBe(200);
    return String(created.body.ImageBuildJobId);
  };
  const statusIn = (page: Page, selector: string) => page.locator(`${selector} .status`).first();

  it(
    "a build submitted while the page is open appears and reaches Succeeded without a reload",
    async () => {
      const page = await browser.newPage();
      await page.goto(`${pai.url}/`);
      expect(await page.locator("h1").textContent()).toBe("Builds");
      // A reload would drop this marker.
      await page.evaluate("window.notReloaded = true");
      const jobId = await submit(
        "hello",
        "FROM busybox\nRUN echo hello > /hello\n",
        "push:9fceb02",
      );
      const row = page.locator(`tr[data-job-id="${jobId}"]`);
      await row.waitFor({ timeout: 10_000 });
      expect(await row.locator("td[data-label=Trigger]").textContent()).toBe("push 9fceb02");
      await row.locator('.status[data-status="Succeeded"]').waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await row.locator("td[data-label=Image]").textContent()).toBe("hello:1.0");
      expect(await page.evaluate("window.notReloaded")).toBe(true);
      // The image list follows without a reload too, with its labels.
      await page.locator("#images-body tr", { hasText: "team=ml" }).waitFor({ timeout: 10_000 });
      await browser.screenshot(page, "builds-1280");
      const phone = await browser.newPage(PHONE);
      await phone.goto(`${pai.url}/`);
      const width = await phone.evaluate("document.documentElement.scrollWidth");
      expect(Number(width)).toBeLessThanOrEqual(PHONE.width);
      await browser.screenshot(phone, "builds-phone");
      await phone.context().close();
      await page.context().close();
    },
    BUILD_TEST_TIMEOUT_MS,
  );

  it(
    "a running build's log streams line by line, then shows the pushed digest",
    async () => {
      const jobId = await submit(
        "ticker",
        "FROM busybox\nRUN for i in 1 2 3 4 5 6; do echo tick-$i; sleep 1; done\n",
      );
      const page = await browser.newPage();
      await page.goto(`${pai.url}/builds/${jobId}`);
      const log = page.locator("#log");
      await log.getByText("tick-2", { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
      // Streamed, not delivered at the end: when tick-2 is there, the last tick is not yet.
      expect(await log.textContent()).not.toContain("tick-6\n");
      expect(await statusIn(page, "#summary").getAttribute("data-status")).toBe("Running");
      await browser.screenshot(page, "build-running");
      await log.getByText("tick-6", { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
      await page
        .locator('#summary .status[data-status="Succeeded"]')
        .first()
        .waitFor({ timeout: UI_TIMEOUT_MS });
      const digest = await page.locator("#summary .digest").textContent();
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await log.textContent()).toContain(`@${digest}`);
      expect(await page.locator(".dockerfile").textContent()).toContain("echo tick-$i");
      const history = await page.locator("#summary .history li .status").allTextContents();
      expect(history.map((text) => text.split(" ")[1])).toEqual([
        "Creating",
        "Queuing",
        "EnvPreparing",
        "Running",
        "Succeeded",
      ]);
      await browser.screenshot(page, "build-succeeded");
      await page.context().close();
    },
    BUILD_TEST_TIMEOUT_MS,
  );

  it(
    "a failing build shows the step it failed in",
    async () => {
      const jobId = await submit(
        "broken",
        "FROM busybox\nRUN echo fine\nRUN echo about-to-fail && exit 3\n",
      );
      const page = await browser.newPage();
      await page.goto(`${pai.url}/builds/${jobId}`);
      const failed = page.locator("mark#failed-step");
      await failed.waitFor({ timeout: UI_TIMEOUT_MS });
      const failedText = (await failed.textContent()) ?? "";
      expect(failedText.startsWith("STEP 3/3: RUN echo about-to-fail && exit 3\n")).toBe(true);
      expect(failedText).toMatch(/\nabout-to-fail\n/);
      expect(failedText).not.toContain("RUN echo fine");
      expect(await statusIn(page, "#summary").getAttribute("data-status")).toBe("Failed");
      const link = page.locator('#summary a[href="#failed-step"]');
      expect(await link.textContent()).toBe("STEP 3/3: RUN echo about-to-fail && exit 3");
      await browser.screenshot(page, "build-failed");
      const phone = await browser.newPage(PHONE);
      await phone.goto(`${pai.url}/builds/${jobId}`);
      expect(
        Number(await phone.evaluate("document.documentElement.scrollWidth")),
      ).toBeLessThanOrEqual(PHONE.width);
      await browser.screenshot(phone, "build-failed-phone");
      await phone.context().close();
      await page.context().close();
    },
    BUILD_TEST_TIMEOUT_MS,
  );

  it(
    "the stop button, pressed from the keyboard, stops a running build",
    async () => {
      const jobId = await submit("sleeper", "FROM busybox\nRUN echo started && sleep 300\n");
      await waitForStatus(pai.url, jobId, "Running", { timeoutMs: UI_TIMEOUT_MS });
      const page = await browser.newPage();
      await page.goto(`${pai.url}/builds/${jobId}`);
      await page.locator("#log").getByText("started", { exact: true }).waitFor({
        timeout: UI_TIMEOUT_MS,
      });
      const stop = page.getByRole("button", { name: "Stop build" });
      await stop.focus();
      await page.keyboard.press("Enter");
      await page
        .locator('#summary .status[data-status="Stopped"]')
        .first()
        .waitFor({ timeout: 60_000 });
      expect(await page.getByRole("button", { name: "Stop build" }).count()).toBe(0);
      const job = await call(`${pai.url}/api/v1/jobs/${jobId}`);
      expect(job.body.Status).toBe("Stopped");
      expect(job.body.ReasonCode).toBe("JobStoppedByUser");
      await browser.screenshot(page, "build-stopped");
      await page.context().close();
    },
    BUILD_TEST_TIMEOUT_MS,
  );
});
