/** seedBaseImages: tags in the registry, the builder's configuration files, and an abort that leaves no process behind. */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RegistryHandle, seedBaseImages, startRegistry } from "../../src/system/index.ts";
import { busyboxVersion } from "../../src/system/base-image-archive.ts";
import { processesMatching, TEST_CACHE_DIR } from "../fixtures/system-harness.ts";

/** Real buildah and skopeo work: generous, since CI runs two packages' suites at once on two cores. */
const SEED_TIMEOUT_MS = 300_000;

describe("seedBaseImages", () => {
  let dataDir: string;
  let registry: RegistryHandle;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "imagebuild-seed-"));
    registry = await startRegistry({ dataDir });
  });
  afterAll(async () => {
    await registry?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    "pushes busybox under latest, its version and major.minor, and writes the mirror configuration",
    async () => {
      const environment = await seedBaseImages({
        registry,
        dataDir,
        images: ["busybox"],
        cacheDir: TEST_CACHE_DIR,
      });
      const version = await busyboxVersion();
      for (const tag of ["latest", version, version.split(".").slice(0, 2).join(".")]) {
        expect(await registry.hasManifest("library/busybox", tag)).toBe(true);
      }
      const conf = await readFile(environment.registriesConf, "utf8");
      expect(conf).toContain('prefix = "docker.io/library/busybox"');
      expect(conf).toContain(`location = "${registry.host}/library/busybox"`);
      expect(conf).toContain(`location = "${registry.host}/library/debian"`);
      expect(environment.env.CONTAINERS_REGISTRIES_CONF).toBe(environment.registriesConf);
      expect(environment.imageStorages.startsWith(dataDir)).toBe(true);
      expect(JSON.parse(await readFile(environment.signaturePolicy, "utf8"))).toEqual({
        default: [{ type: "insecureAcceptAnything" }],
      });
      // On a fresh machine this packs busybox (or waits for another test file packing it) first.
    },
    SEED_TIMEOUT_MS,
  );

  it(
    "stops at once when aborted, leaving no skopeo or builder process and no partial archive",
    async () => {
      const cacheDir = join(dataDir, "fresh-cache");
      const controller = new AbortController();
      const seeding = seedBaseImages({
        registry,
        dataDir,
        images: ["busybox"],
        cacheDir,
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 50);
      await expect(seeding).rejects.toMatchObject({ code: "BASE_IMAGE_FAILED" });
      expect(await processesMatching(cacheDir)).toEqual([]);
      await expect(stat(join(cacheDir, `busybox-${process.arch}.oci.tar`))).rejects.toThrow();
    },
    SEED_TIMEOUT_MS,
  );
});
