/** FROM debian:bookworm: the debootstrapped base image (made once, cached) resolves through the mirror and builds offline. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/system/index.ts";
import { type SystemHarness, startSystemHarness } from "../fixtures/system-harness.ts";

describe("runBuild with FROM debian:bookworm", () => {
  let system: SystemHarness;
  // The first run in a checkout debootstraps bookworm (about 40 s); later runs reuse the cached archive.
  beforeAll(async () => {
    system = await startSystemHarness({ images: ["debian:bookworm"] });
  }, 600_000);
  afterAll(() => system?.close());

  it("builds on the seeded bookworm image and pushes it", async () => {
    const logs: string[] = [];
    const outcome = await runBuild({
      dockerfile:
        "FROM debian:bookworm\nRUN cat /etc/debian_version && dpkg-query -W dpkg > /dpkg-version\n",
      imageUri: `${system.registry.host}/team/on-bookworm:1.0`,
      overwriteTag: false,
      environment: system.environment,
      isolation: system.isolation,
      registry: system.registry,
      workDir: system.workDir("bookworm"),
      onLog: (line) => logs.push(line),
    });
    expect(outcome.status).toBe("Succeeded");
    expect(logs).toContainEqual(expect.stringMatching(/^12\.\d+$/));
    expect(await system.registry.hasManifest("library/debian", "bookworm")).toBe(true);
    expect(await system.registry.hasManifest("team/on-bookworm", "1.0")).toBe(true);
  }, 300_000);
});
