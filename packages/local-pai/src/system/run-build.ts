/** Runs one image build: `buildah bud` on a Dockerfile string, then `buildah push` to the image's URI. */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { baseImageLabels, resolveBaseImageDigests } from "./base-image-digests.ts";
import { acquireCacheScopeLocks, cacheScopeKeys } from "./cache-scope-lock.ts";
import { cacheRepository } from "./cache-repository.ts";
import { classifyBuildError } from "./classify-build-error.ts";
import { parseImageReference } from "./image-reference.ts";
import { fetchImageSize, manifestExists, RegistryHttpError } from "./registry-client.ts";
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
import { isolationFlags } from "./isolation-flags.ts";
import { writeBuildHooks } from "./network-hook.ts";
import { runProcess } from "./run-process.ts";
import { createStepImageLog } from "./step-image-log.ts";
import type {
  BuildEnvironment,
  BuildIsolation,
  BuildOutcome,
  BuildPhase,
  RegistryAuths,
  RegistryCredentials,
  RegistryHandle,
} from "./types.ts";
import { storageFlags } from "./write-build-environment.ts";

/** How a background cache export went. */
export interface CacheExportReport {
  repository: string;
  /** Step images pushed (`--> Pushing cache` lines). */
  steps: number;
  durationMs: number;
  error?: string;
}

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
 * in vfs storage from `environment`, pulling with a 0600 auth file that holds only the credentials
 * this build needs and is deleted afterwards, and pushes it to `imageUri`. Isolation
 * `unavailable` fails the build with `EnvPrepareFailed` before anything runs. With
 * `overwriteTag` false an existing tag fails with `ImageTagExists` before anything is built. Aborting
 * `signal` kills the builder's whole process group and resolves `Stopped`. Never throws for a build
 * problem: every failure is a `Failed` outcome with the builder's own error line.
 *
 * With `layerCache` (default) the build runs with `--layers` and `--cache-from` the image's own cache
 * repository in the local registry (see cache-repository.ts). The export to that repository is off the
 * critical path: after a success is answered, a second `bud --layers --cache-to` of the same Dockerfile
 * finds every step in the storage and pushes it, then the build's images are removed; `onCacheExport`
 * hears how that went. The build holds the cache-scope locks of its Dockerfile until then, so no other
 * image's build can reuse its layers and a later build of the same scope starts with the full cache
 * (docs/decisions/local-pai-layer-cache.md). Before
 * building it HEADs every external base image and a success carries them as `imagebuild.base.<n>`
 * labels (base-image-digests.ts).
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
  onCacheExport,
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
  /** Reuse and export layers through the image's cache repository in the local registry. Default true. */
  layerCache?: boolean;
  /** Called when a success's background cache export ended (`error`: the builder's last line). */
  onCacheExport?: (report: CacheExportReport) => void;
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
  // Held until this build's images are gone from the shared storage (see cache-scope-lock.ts).
  const releaseScope = layerCache
    ? await acquireCacheScopeLocks(cacheScopeKeys(dockerfile))
    : () => {};
  const steps = createStepImageLog();
  let exportTo: string | undefined;

  const dir = resolve(workDir);
  const context = join(dir, "context");
  const hooks = join(dir, "hooks");
  const network = join(dir, "network");
  const files = {
    dockerfile: join(dir, "Dockerfile"),
    authFile: join(dir, "auth.json"),
    digest: join(dir, "digest"),
  };
  const env = { ...builderEnv(), ...environment.env, REGISTRY_AUTH_FILE: files.authFile };
  const buildah = (args: string[], { quiet = false } = {}) =>
    runProcess({
      command: "buildah",
      args: [...storageFlags(environment), ...args],
      env,
      // The export runs after the job was answered: it is not the job's to stop, nor its log's.
      ...(quiet ? {} : { signal }),
      onLine: (line) => {
        steps.track(line);
        if (!quiet) log(line);
      },
      // Recorded so a restart after a crash can stop this build: see stop-leftover-builders.ts.
      pidDir: join(dirname(environment.storageRoot), "builders"),
    });
  let budFlags: string[] = [];
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
    // No --iidfile: with one, buildah prints no "--> <id>" per step, and those ids are how a failed
    // build's step images are found and removed (step-image-log.ts).
    budFlags = [
      ...isolationFlags({ isolation, hooksDir: buildHooks?.hooksDir }),
      "--format",
      "docker",
      "--signature-policy",
      environment.signaturePolicy,
      "--authfile",
      files.authFile,
      "-f",
      files.dockerfile,
    ];
    const repository = layerCache ? cacheRepository({ registry, target }) : undefined;
    // Reuse from the image's cache repository; exporting to it waits until the job is answered.
    const cacheFlags = repository ? ["--layers", `--cache-from=${repository}`] : [];

    onPhase?.("Running");
    const built = await buildah(["bud", ...budFlags, ...cacheFlags, context]);
    if (built.aborted) return STOPPED;
    if (built.exitCode !== 0)
      return { status: "Failed", ...classifyBuildError({ tail: built.tail, stage: "build" }) };
    const imageId = steps.finalImage();
    if (imageId === undefined)
      return failed("BuildFailed", "the builder printed no image id for the last step");

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
      if (repository && steps.builtAny()) {
        exportTo = repository;
        log(`layer cache: the new step images go to ${repository} after this answer`);
      }
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
    // The pushed image lives in the registry; vfs copies every layer in full, so keep none.
    // Housekeeping, not part of the build: the cache export (a build of the same Dockerfile that finds
    // every step in the storage and pushes it) and the removal finish after the outcome is reported,
    // and only then may another build of the same cache scope start.
    const removeFiles = async () => {
      await stopLeftoverNetworks(network);
      await Promise.all([
        rm(hooks, { recursive: true, force: true }),
        rm(network, { recursive: true, force: true }),
        ...Object.values(files).map((file) => rm(file, { force: true })),
        rm(context, { recursive: true, force: true }),
      ]);
    };
    const removeImages = () =>
      removeBuildImages({ environment, imageIds: [...steps.all()].reverse() });
    if (exportTo !== undefined) {
      const repository = exportTo;
      const started = performance.now();
      const exported = buildah(
        ["bud", ...budFlags, "--layers", `--cache-to=${repository}`, context],
        {
          quiet: true,
        },
      ).then((result) =>
        onCacheExport?.({
          repository,
          steps: steps.pushed(),
          durationMs: Math.round(performance.now() - started),
          ...(result.exitCode === 0 ? {} : { error: redact(result.tail.at(-1) ?? "", secrets) }),
        }),
      );
      scheduleCleanup(exported.finally(removeImages).finally(removeFiles).finally(releaseScope));
    } else {
      scheduleCleanup(removeImages().finally(releaseScope));
      await removeFiles();
    }
  }
}

/**
 * Removes the images a build left in the shared storage, newest first: each step image it committed
 * or reused (by the ids buildah printed), the final one among them. Ids already gone are ignored.
 */
async function removeBuildImages({
  environment,
  imageIds,
}: {
  environment: BuildEnvironment;
  imageIds: string[];
}): Promise<void> {
  const env = { ...builderEnv(), ...environment.env };
  for (const id of imageIds) {
    await runProcess({
      command: "buildah",
      args: [...storageFlags(environment), "rmi", "-f", id],
      env,
    });
  }
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

/** Kills slirp4netns processes a RUN step's stop hook did not (a killed runtime skips poststop). */
async function stopLeftoverNetworks(stateDir: string): Promise<void> {
  const names = await readdir(stateDir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith(".pid"))) {
    const pid = Number((await readFile(join(stateDir, name), "utf8").catch(() => "")).trim());
    if (!Number.isInteger(pid) || pid <= 1) continue;
    // Only if that pid is still a slirp4netns: it may have exited and the id been reused.
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes("slirp4netns")) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
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
