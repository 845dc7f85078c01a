/** Seeds busybox and debian:bookworm into the local registry and writes the builder's environment. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  type BaseImageName,
  busyboxVersion,
  ensureBaseImageArchive,
} from "./base-image-archive.ts";
import { BaseImageError } from "./errors.ts";
import { localRegistryHosts, writeAuthFile } from "./registry-auths.ts";
import { runProcess } from "./run-process.ts";
import { SILENT_LOGGER } from "@imagebuild/pai-client/logger";
import type { BuildEnvironment, Logger, RegistryHandle } from "./types.ts";
import { writeBuildEnvironment } from "./write-build-environment.ts";

/**
 * Makes the base images once (cached in `cacheDir`, default `$IMAGEBUILD_CACHE_DIR` or
 * `<dataDir>/cache`), copies them into the registry as `library/busybox` (tags `latest`, the busybox
 * version and its major.minor) and `library/debian:bookworm`, and returns the environment in which
 * `FROM busybox` and `FROM debian:bookworm` resolve to the local registry.
 *
 * @example
 * const environment = await seedBaseImages({ registry, dataDir: ".imagebuild", images: ["busybox"] });
 */
export async function seedBaseImages({
  registry,
  dataDir,
  images = ["busybox", "debian:bookworm"],
  cacheDir = process.env.IMAGEBUILD_CACHE_DIR || join(resolve(dataDir), "cache"),
  log = SILENT_LOGGER,
  signal,
}: {
  registry: RegistryHandle;
  dataDir: string;
  images?: BaseImageName[];
  cacheDir?: string;
  log?: Logger;
  /** Aborting kills debootstrap, buildah or skopeo and rejects with a BaseImageError. */
  signal?: AbortSignal;
}): Promise<BuildEnvironment> {
  const environment = await writeBuildEnvironment({ dataDir, registryHost: registry.host, log });
  for (const image of images) {
    const archive = await ensureBaseImageArchive({ image, cacheDir, log, signal });
    const targets = await targetsOf(image);
    for (const { repository, tag } of targets) {
      if (await registry.hasManifest(repository, tag)) continue;
      await copyToRegistry({
        image,
        archive,
        registry,
        reference: `${repository}:${tag}`,
        log,
        signal,
      });
    }
    log.info("base image seeded", { image, tags: targets.map((t) => t.tag) });
  }
  return environment;
}

async function targetsOf(image: BaseImageName): Promise<{ repository: string; tag: string }[]> {
  if (image === "debian:bookworm") return [{ repository: "library/debian", tag: "bookworm" }];
  const version = await busyboxVersion();
  const minor = version.split(".").slice(0, 2).join(".");
  return ["latest", version, minor].map((tag) => ({ repository: "library/busybox", tag }));
}

async function copyToRegistry({
  image,
  archive,
  registry,
  reference,
  log,
  signal,
}: {
  image: BaseImageName;
  archive: string;
  registry: RegistryHandle;
  reference: string;
  log: Logger;
  signal: AbortSignal | undefined;
}): Promise<void> {
  // Credentials go through an auth file, never the command line (visible in ps).
  const dir = await mkdtemp(join(tmpdir(), "imagebuild-seed-"));
  const authFile = join(dir, "auth.json");
  try {
    await writeAuthFile({ path: authFile, decoded: {}, registry, includeLocal: true });
    const [host] = localRegistryHosts(registry);
    const result = await runProcess({
      command: "skopeo",
      args: [
        "copy",
        "--insecure-policy",
        "--dest-tls-verify=false",
        "--dest-authfile",
        authFile,
        `oci-archive:${archive}`,
        `docker://${host}/${reference}`,
      ],
      onLine: (line) => log.info(line, { source: "skopeo", image }),
      signal,
    });
    if (result.aborted) throw new BaseImageError({ image, message: "seeding was aborted" });
    if (result.exitCode !== 0) {
      throw new BaseImageError({
        image,
        message: `skopeo copy to ${host}/${reference} exited with code ${result.exitCode}: ${result.tail.at(-1) ?? ""}`,
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
