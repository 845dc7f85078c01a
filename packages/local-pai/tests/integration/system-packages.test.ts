/** ensureSystemPackages against this machine's real PATH and an empty one. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSystemPackages, SystemPackagesMissingError } from "../../src/system/index.ts";

describe("ensureSystemPackages", () => {
  let emptyDir: string;
  beforeAll(async () => {
    emptyDir = await mkdtemp(join(tmpdir(), "imagebuild-empty-path-"));
  });
  afterAll(() => rm(emptyDir, { recursive: true, force: true }));

  it("resolves when buildah, docker-registry, skopeo, static busybox and debootstrap are installed", async () => {
    await expect(ensureSystemPackages({ install: false })).resolves.toBeUndefined();
  });

  it("names every missing package in one line when it may not install them", async () => {
    const error = await ensureSystemPackages({
      install: false,
      searchPath: emptyDir,
      extraDirs: [],
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SystemPackagesMissingError);
    const { message, code, packages } = error as SystemPackagesMissingError;
    expect(code).toBe("SYSTEM_PACKAGES_MISSING");
    expect(packages).toEqual([
      "buildah",
      "docker-registry",
      "skopeo",
      "busybox-static",
      "debootstrap",
      "runc",
      "slirp4netns",
    ]);
    expect(message).not.toContain("\n");
    expect(message).toContain(
      "apt-get install -y buildah docker-registry skopeo busybox-static debootstrap runc slirp4netns",
    );
  });
});
