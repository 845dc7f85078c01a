/** Runs one image build: `buildah bud` on a Dockerfile string, then `buildah push` to the image's URI. */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { resolveBaseImageDigests } from "./base-image-digests.ts";
import { cacheRepository } from "./cache-repository.ts";
import { classifyBuildError } from "./classify-build-error.ts";
import { SILENT_LOGGER } from "@imagebuild/pai-client/logger";
import {
  baseImageLabels,
  fetchImageSize,
  manifestExists,
  parseImageReference,
  RegistryHttpError,
} from "@imagebuild/pai-client/registry";
import {
  RegistryAuthsInvalidError,
  credentialsFor,
  decodeRegistryAuths,
  localRegistryHosts,
  pullsFromLocalRegistry,
  secretsOf,
  writeAuthFile,
} from "./registry-auths.ts";
import { scheduleCleanup } from "./build-cleanup.ts";
import { type ImageStorage, imageStorageFlags, openImageStorage } from "./image-storage.ts";
import { isolationFlags } from "./isolation-flags.ts";
import { writeBuildHooks } from "./network-hook.ts";
import { runProcess } from "./run-process.ts";
import type {
  BuildEnvironment,
  BuildIsolation,
  BuildOutcome,
  BuildPhase,
  Logger,
  RegistryAuths,
  RegistryHandle,
} from "./types.ts";

const STOPPED: BuildOutcome = {
  status: "Stopped",
  reasonCode: "JobStoppedByUser",
  reasonMessage: "the build was stopped by the user",
};

/** Environment variables the builder keeps from the service's own: nothing secret (keys, tokens) reaches it. */
const BUILDER_ENV_KEEP = ["PATH", "HOME", "LANG", "LC_ALL", "TZ"] as const;

/**
 * Builds `dockerfile` with `buildah bud` boxed as `isolation` says (OCI runtime, PID, mount, IPC and
 * user namespaces, a private network without host loopback; see docs/decisions/local-pai-build-isolation.md)
 * in the storage from `environment` (overlay, or vfs where it cannot mount), pulling with a 0600 auth file that holds only the credentials
 * this build needs and is deleted afterwards, and pushes it to `imageUri`. Isolation
 * `unavailable` fails the build with `EnvPrepareFailed` before anything runs. With
 * `overwriteTag` false an existing tag fails with `ImageTagExists` before anything is built. Aborting
 * `signal` kills the builder's whole process group and resolves `Stopped`. Never throws for a build
 * problem: every failure is a `Failed` outcome with the builder's own error line.
 *
 * Every build runs in its image's own build storage, in that storage's user-namespace id range
 * (image-storage.ts); builds of one image run one after the other. With `layerCache` (default) the
 * build runs with `--layers`, keeps its step images in that storage for the image's next build, and
 * uses the image's own cache repository in the local registry as `--cache-to` and `--cache-from`
 * (cache-repository.ts) for when the storage is gone; no other image's build can reuse its layers
 * (docs/decisions/local-pai-layer-cache.md). Before building it HEADs every external base image and a
 * success carries them as `imagebuild.base.<n>` labels (base-image-digests.ts).
 *
 * @example
 * const outcome = await runBuild({
 *   dockerfile: "FROM busybox\nRUN echo hi\n", imageUri: `${registry.host}/team/app:1.0`,
 *   overwriteTag: false, environment, isolation, registry, workDir: ".imagebuild/jobs/dlc-1", onLog: console.log,
 * });
 */
export async function runBuild({
  dockerfile,
  imageUri,
  registryAuths,
  overwriteTag,
  environment,
  isolation,
  registry,
  workDir,
  onPhase,
  onLog,
  signal,
  layerCache = true,
  log: serviceLog = SILENT_LOGGER,
}: {
  dockerfile: string;
  imageUri: string;
  registryAuths?: RegistryAuths;
  overwriteTag: boolean;
  environment: BuildEnvironment;
  isolation: BuildIsolation;
  registry: RegistryHandle;
  workDir: string;
  onPhase?: (phase: BuildPhase) => void;
  onLog?: (line: string) => void;
  signal?: AbortSignal;
  /** Keep step images for the image's next build, and export and reuse layers through its cache repository. Default true. */
  layerCache?: boolean;
  /** The service's log, for what concerns the machine rather than the build (a build storage removed to free its id range). */
  log?: Logger;
}): Promise<BuildOutcome> {
  onPhase?.("EnvPreparing");
  if (isolation.network === "unavailable") {
    return failed("EnvPrepareFailed", `builds are refused on this machine: ${isolation.reason}`);
  }
  const parsed = parseImageReference(imageUri);
  if (!parsed.ok) return failed("InvalidImageUri", `Image.Uri: ${parsed.reason}`);
  const target = parsed.value;
  if (target.digest) {
    return failed(
      "InvalidImageUri",
      `Image.Uri: "${imageUri}" names a digest; a build pushes to a tag`,
    );
  }
  let decoded: ReturnType<typeof decodeRegistryAuths>;
  try {
    decoded = decodeRegistryAuths(registryAuths);
  } catch (error) {
    if (error instanceof RegistryAuthsInvalidError)
      return failed("EnvPrepareFailed", error.message);
    throw error;
  }
  const credentials = credentialsFor({ host: target.host, decoded, registry });
  const secrets = secretsOf(...Object.values(decoded), registry.auth);
  const log = (line: string) => onLog?.(redact(line, secrets));
  const isLocal = localRegistryHosts(registry).includes(target.host);

  if (!overwriteTag) {
    try {
      if (await manifestExists({ ...target, credentials })) {
        return failed(
          "ImageTagExists",
          `${imageUri} already exists; set OverwriteImageTag to true to replace it`,
        );
      }
    } catch (error) {
      const refused = error instanceof RegistryHttpError && [401, 403].includes(error.status);
      return failed(
        refused ? "RegistryAuthFailed" : "EnvPrepareFailed",
        redact(`checking ${imageUri}: ${(error as Error).message}`, secrets),
      );
    }
  }
  let baseLabels: { Key: string; Value: string }[];
  try {
    const bases = await resolveBaseImageDigests({ dockerfile, registry, decoded });
    baseLabels = baseImageLabels(bases);
    for (const { reference, digest } of bases) log(`base image ${reference}@${digest}`);
  } catch (error) {
    const refused = error instanceof RegistryHttpError && [401, 403].includes(error.status);
    return failed(
      refused ? "RegistryAuthFailed" : "EnvPrepareFailed",
      redact(`resolving the base images: ${(error as Error).message}`, secrets),
    );
  }
  if (signal?.aborted) return STOPPED;
  let opened: { storage: ImageStorage; release: () => void };
  try {
    // Held until this build's clean-up in the storage is done: the image's next build waits for it.
    opened = await openImageStorage({
      environment,
      target,
      log: serviceLog,
      onWait: () =>
        log(`waiting for the build of ${target.host}/${target.repository} that is running`),
    });
  } catch (error) {
    return failed("EnvPrepareFailed", `opening the build storage: ${(error as Error).message}`);
  }
  const { storage } = opened;
  let imageId: string | undefined;

  const dir = resolve(workDir);
  const context = join(dir, "context");
  const hooks = join(dir, "hooks");
  const network = join(dir, "network");
  const files = {
    dockerfile: join(dir, "Dockerfile"),
    authFile: join(dir, "auth.json"),
    iid: join(dir, "image-id"),
    digest: join(dir, "digest"),
  };
  try {
    if (signal?.aborted) return STOPPED;
    await mkdir(context, { recursive: true });
    await writeFile(files.dockerfile, dockerfile);
    await writeAuthFile({
      path: files.authFile,
      decoded,
      registry,
      includeLocal: layerCache || isLocal || pullsFromLocalRegistry({ dockerfile, registry }),
    });
    const env = {
      ...builderEnv(),
      ...environment.env,
      REGISTRY_AUTH_FILE: files.authFile,
    };
    const buildHooks =
      isolation.network === "private"
        ? await writeBuildHooks({
            buildDir: dir,
            hookScript: isolation.hookScript,
            slirp4netns: isolation.slirp4netns,
          })
        : undefined;
    if (isolation.network === "host") {
      log(`INSECURE: this build shares the host's network (${isolation.reason})`);
    }
    const buildah = (args: string[]) =>
      runProcess({
        command: "buildah",
        args: [...imageStorageFlags(environment, storage), ...args],
        env,
        signal,
        onLine: log,
        // Recorded so a restart after a crash can stop this build: see stop-leftover-builders.ts.
        pidDir: join(dirname(environment.imageStorages), "builders"),
      });

    const cacheFlags = layerCache
      ? (() => {
          const repository = cacheRepository({ registry, target });
          // --force-rm: a failed step's working container (on overlay, its mount) stays without it;
          // buildah 1.28 accepts it only with --layers or --no-cache.
          return [
            "--layers",
            "--force-rm",
            `--cache-to=${repository}`,
            `--cache-from=${repository}`,
          ];
        })()
      : [];

    onPhase?.("Running");
    const built = await buildah([
      "bud",
      ...isolationFlags({ isolation, hooksDir: buildHooks?.hooksDir }),
      ...cacheFlags,
      "--format",
      "docker",
      "--signature-policy",
      environment.signaturePolicy,
      "--authfile",
      files.authFile,
      "--iidfile",
      files.iid,
      "-f",
      files.dockerfile,
      context,
    ]);
    if (built.aborted) return STOPPED;
    if (built.exitCode !== 0)
      return { status: "Failed", ...classifyBuildError({ tail: built.tail, stage: "build" }) };
    imageId = (await readFile(files.iid, "utf8")).trim();

    log(`pushing ${imageUri}`);
    const pushed = await buildah([
      "push",
      "--signature-policy",
      environment.signaturePolicy,
      "--authfile",
      files.authFile,
      `--tls-verify=${isLocal ? "false" : "true"}`,
      "--digestfile",
      files.digest,
      imageId,
      `docker://${imageUri}`,
    ]);
    if (pushed.aborted) return STOPPED;
    if (pushed.exitCode !== 0)
      return { status: "Failed", ...classifyBuildError({ tail: pushed.tail, stage: "push" }) };

    const digest = (await readFile(files.digest, "utf8")).trim();
    try {
      const { sizeBytes } = await fetchImageSize({ ...target, reference: digest, credentials });
      log(`pushed ${imageUri}@${digest} (${sizeBytes} bytes)`);
      return {
        status: "Succeeded",
        sizeBytes,
        digest,
        ...(baseLabels.length > 0 ? { labels: baseLabels } : {}),
      };
    } catch (error) {
      return failed(
        "PushFailed",
        redact(`reading the pushed manifest: ${(error as Error).message}`, secrets),
      );
    }
  } finally {
    // Housekeeping, not part of the build: it finishes after the outcome is reported, and only then
    // may the image's next build open the storage.
    const cleanup = cleanUpStorage({
      buildah: storageBuildah(environment, storage),
      imageId,
      keepForNextBuild: layerCache,
    }).finally(opened.release);
    scheduleCleanup(cleanup);
    await stopLeftoverSteps(network);
    await Promise.all([
      rm(hooks, { recursive: true, force: true }),
      rm(network, { recursive: true, force: true }),
      ...Object.values(files).map((file) => rm(file, { force: true })),
      rm(context, { recursive: true, force: true }),
    ]);
  }
}

/** The name the last built image of a storage carries, so its step images are not dangling. */
const LAST_BUILD_NAME = "localhost/imagebuild/last-build:latest";

/**
 * With `keepForNextBuild` (the layer cache), keeps what the image's next build can reuse: the built
 * image is named {@link LAST_BUILD_NAME} (taking the name from the one before), then every dangling
 * image is removed: the earlier build's image and the step images only it led to, and the step
 * images of a failed or stopped build. The pulled bases and this build's chain of step images stay.
 * Without it, removes the built image (the pushed image is in the registry).
 */
async function cleanUpStorage({
  buildah,
  imageId,
  keepForNextBuild,
}: {
  buildah: (...args: string[]) => Promise<unknown>;
  imageId: string | undefined;
  keepForNextBuild: boolean;
}): Promise<void> {
  if (!keepForNextBuild) {
    if (imageId !== undefined) await buildah("rmi", "-f", imageId);
    return;
  }
  if (imageId !== undefined) await buildah("tag", imageId, LAST_BUILD_NAME);
  await buildah("rmi", "--prune");
}

/** Runs buildah on an image's build storage, outside any build (no auth file, no signal). */
function storageBuildah(environment: BuildEnvironment, storage: ImageStorage) {
  return (...args: string[]) =>
    runProcess({
      command: "buildah",
      args: [...imageStorageFlags(environment, storage), ...args],
      env: { ...builderEnv(), ...environment.env },
    });
}

/** The service's environment reduced to what buildah needs: never its keys, tokens or passwords. */
function builderEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of BUILDER_ENV_KEEP) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/**
 * Kills what a build's RUN steps left running, as the network hook recorded it: a step whose builder
 * was killed (its SIGTERM clean-up outlived the grace, or it was killed from outside) keeps running
 * in its own session, and so does its slirp4netns. Each pid is checked first, since it may have
 * exited and been reused: a slirp4netns by its command line, a step by being in a PID namespace of
 * its own.
 */
async function stopLeftoverSteps(stateDir: string): Promise<void> {
  const names = await readdir(stateDir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith(".pid") || n.endsWith(".init"))) {
    const pid = Number((await readFile(join(stateDir, name), "utf8").catch(() => "")).trim());
    if (!Number.isInteger(pid) || pid <= 1) continue;
    const isStill = name.endsWith(".pid")
      ? (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).includes("slirp4netns")
      : inOwnPidNamespace(await readFile(`/proc/${pid}/status`, "utf8").catch(() => ""));
    if (!isStill) continue;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Whether a /proc/<pid>/status belongs to a process in a nested PID namespace (NSpid lists two ids or more). */
function inOwnPidNamespace(status: string): boolean {
  const nspid = /^NSpid:\s+(.+)$/m.exec(status)?.[1];
  return nspid !== undefined && nspid.trim().split(/\s+/).length >= 2;
}

function failed(
  reasonCode: Extract<BuildOutcome, { status: "Failed" }>["reasonCode"],
  reasonMessage: string,
): BuildOutcome {
  return { status: "Failed", reasonCode, reasonMessage };
}

function redact(line: string, secrets: string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (secret.length >= 3) out = out.split(secret).join("***");
  }
  return out;
}
