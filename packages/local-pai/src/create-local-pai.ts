/** The embedded default: the registry child, offline base images, buildah builds and the PAI-compatible HTTP API. */
import { setTimeout as sleep } from "node:timers/promises";
import type { AccessKey } from "./auth/authenticate.ts";
import { checkOptions } from "./check-options.ts";
import type { RateLimit } from "./auth/token-bucket.ts";
import { type Logger, SILENT_LOGGER } from "./logger.ts";
import {
  LocalPaiInUseError,
  readServiceState,
  removeServiceState,
  writeServiceState,
} from "./service-state.ts";
import type { Builder } from "./queue/builder.ts";
import { startService } from "./start-service.ts";
import {
  type BuildEnvironment,
  type BuildIsolation,
  canPushTo,
  ensureSystemPackages,
  prepareBuildIsolation,
  type RegistryHandle,
  runBuild,
  seedBaseImages,
  startRegistry,
} from "./system/index.ts";

/** How long `close` waits for base-image seeding still in progress before stopping the registry anyway. */
const SEED_STOP_GRACE_MS = 10_000;

/**
 * Options of `createLocalPai`.
 *
 * @example
 * const options: LocalPaiOptions = { dataDir: ".imagebuild", port: 0, registryPort: 0, workspaces: ["12345"] };
 */
export interface LocalPaiOptions {
  /** State, registry storage, build storage and logs live here, e.g. `.imagebuild`. */
  dataDir: string;
  /** HTTP port; 0 picks a free one. Default 7070. */
  port?: number;
  /** Bind address. Default 127.0.0.1. */
  host?: string;
  /** Registry port; 0 picks a free one. Default 5000. */
  registryPort?: number;
  /** Builds that run at once. Default 2. */
  concurrency?: number;
  /** With keys, only valid ACS3 signatures are accepted; without, unsigned requests are (unsigned mode). */
  accessKeys?: readonly AccessKey[];
  /** When given, only these WorkspaceIds exist; others get 404 `100400027`. */
  workspaces?: readonly string[];
  log?: Logger;
  /** Replaces buildah (tests of the queue only); the registry is still started. */
  builder?: Builder;
  /** Puts the registry behind htpasswd with these credentials. */
  registryAuth?: { username: string; password: string };
  /** Base images to seed. Default busybox and debian:bookworm. */
  seedImages?: ("busybox" | "debian:bookworm")[];
  /** Install missing Debian packages with apt-get when root on Debian (default); false: fail naming them. */
  installSystemPackages?: boolean;
  /** Per-AccessKey flow control answering 400 `Throttling.User`. Default: off. */
  rateLimit?: RateLimit;
  /** Largest accepted request body. Default 1 MiB; larger is 413 `RequestBodyTooLarge`. */
  bodyLimitBytes?: number;
  /**
   * INSECURE opt-out: when this machine cannot give builds a private network, build on the host's
   * network (loopback services included) instead of refusing every build. Logged as an error. Default false.
   */
  allowHostNetwork?: boolean;
  /**
   * `accessKeys` and `registryAuth` are the data directory's own keys (`loadOrCreateLocalKeys`): recorded
   * in `service.json` so another process on the data directory (`imagebuild dev`) may sign with them.
   */
  keysFromDataDir?: boolean;
}

/**
 * A running local PAI.
 *
 * @example
 * const { url, registry } = await createLocalPai({ dataDir: ".imagebuild" });
 */
export interface LocalPai {
  /** The API endpoint, e.g. `http://127.0.0.1:7070`: set `IMAGEBUILD_ENDPOINT` to it. */
  url: string;
  /** The registry builds push to (`registry.host` is the Image.Uri host to use). */
  registry: RegistryHandle;
  /** Resolves when no build is queued or running. */
  idle(): Promise<void>;
  /**
   * Resolves once the base images are in the registry (seeding runs in the background; a failed seed
   * resolves too, and each build reports it): a client that HEADs them first, such as the function's
   * base-digest labels, waits for this.
   */
  baseImagesReady(): Promise<void>;
  /** Stops the HTTP server, fails unfinished builds (`ServiceStopped`), stops the registry child. */
  close(): Promise<void>;
}

/**
 * Starts the local PAI service: checks system packages, starts the registry, seeds the base images
 * (in the background: builds wait for it in EnvPreparing) and serves the API. While it runs,
 * `<dataDir>/service.json` says who serves the data directory (see `readServiceState`); a data
 * directory another live process serves is refused with `LocalPaiInUseError`, leaving that service alone.
 *
 * @example
 * const pai = await createLocalPai({ dataDir: ".imagebuild", port: 0, registryPort: 0 });
 * process.env.IMAGEBUILD_ENDPOINT = pai.url;
 * // … Image.Uri: `${pai.registry.host}/team/tools:1.0`
 * await pai.close();
 */
export async function createLocalPai({
  dataDir,
  port = 7070,
  host = "127.0.0.1",
  registryPort = 5000,
  concurrency = 2,
  accessKeys = [],
  workspaces,
  log = SILENT_LOGGER,
  builder,
  registryAuth,
  seedImages = ["busybox", "debian:bookworm"],
  installSystemPackages = true,
  rateLimit,
  bodyLimitBytes,
  allowHostNetwork = false,
  keysFromDataDir = false,
}: LocalPaiOptions): Promise<LocalPai> {
  checkOptions({
    dataDir,
    port,
    registryPort,
    host,
    concurrency,
    accessKeys,
    workspaces,
    rateLimit,
  });
  const running = readServiceState({ dataDir });
  if (running && running.pid !== process.pid)
    throw new LocalPaiInUseError({ dataDir, state: running });
  await ensureSystemPackages({ install: installSystemPackages, log });
  // A replaced builder (queue tests) runs nothing, so it needs no box.
  const isolation: BuildIsolation | undefined = builder
    ? undefined
    : await prepareBuildIsolation({ dataDir, allowHostNetwork, log });
  const registry = await startRegistry({
    dataDir,
    port: registryPort,
    ...(registryAuth ? { htpasswd: registryAuth } : {}),
    log,
  });
  const seedAbort = new AbortController();
  const seeding: Promise<BuildEnvironment> = seedBaseImages({
    registry,
    dataDir,
    images: seedImages,
    log,
    signal: seedAbort.signal,
  });
  // A failed seed is reported by each build (EnvPrepareFailed); this keeps it from being unhandled.
  seeding.catch((error: unknown) => {
    if (!seedAbort.signal.aborted)
      log.error("seeding base images failed", { error: String(error) });
  });
  const realBuilder: Builder = async (task) => {
    let environment: BuildEnvironment | undefined;
    try {
      task.onPhase("EnvPreparing");
      environment = await untilAborted(seeding, task.signal);
    } catch (error) {
      return {
        status: "Failed",
        reasonCode: "EnvPrepareFailed",
        reasonMessage: `base images could not be prepared: ${(error as Error).message}`,
      };
    }
    if (environment === undefined) {
      return {
        status: "Stopped",
        reasonCode: "JobStoppedByUser",
        reasonMessage: "stopped while the base images were being prepared",
      };
    }
    if (isolation === undefined) throw new Error("unreachable: the real builder has an isolation");
    return runBuild({
      dockerfile: task.dockerfile,
      imageUri: task.imageUri,
      registryAuths: task.registryAuths,
      overwriteTag: task.overwriteTag,
      environment,
      isolation,
      registry,
      workDir: task.workDir,
      onPhase: task.onPhase,
      onLog: task.onLog,
      signal: task.signal,
      log,
    });
  };
  let service: Awaited<ReturnType<typeof startService>>;
  try {
    service = await startService({
      dataDir,
      builder: builder ?? realBuilder,
      canPush: ({ imageUri, registryAuths }) => canPushTo({ imageUri, registry, registryAuths }),
      port,
      host,
      concurrency,
      accessKeys,
      workspaces,
      rateLimit,
      log,
      ...(bodyLimitBytes === undefined ? {} : { bodyLimitBytes }),
    });
  } catch (error) {
    seedAbort.abort(error);
    await seeding.catch(() => undefined);
    await registry.stop();
    throw error;
  }
  const state = {
    pid: process.pid,
    endpoint: service.url,
    registryHost: registry.host,
    registryUrl: registry.url,
    consoleUrl: `${service.url}/`,
    signed: accessKeys.length > 0,
    registryLogin: registryAuth !== undefined,
    keys: keysFromDataDir ? "data-dir" : accessKeys.length > 0 || registryAuth ? "own" : "none",
    startedAt: new Date().toISOString(),
  } as const;
  writeServiceState({ dataDir, state });
  // Another process reusing this service (imagebuild dev) waits for this before its first HEAD of a base.
  let closing = false;
  void seeding
    .catch(() => undefined)
    .then(() => {
      if (!closing) writeServiceState({ dataDir, state: { ...state, baseImagesReady: true } });
    });
  return {
    url: service.url,
    registry,
    idle: () => service.idle(),
    baseImagesReady: () =>
      seeding.then(
        () => undefined,
        () => undefined,
      ),
    async close() {
      // First, so no other process picks up a service that is going away.
      closing = true;
      removeServiceState({ dataDir });
      await service.close();
      // Seeding (debootstrap on a first run) can take minutes: kill it rather than hold the shutdown.
      seedAbort.abort(new Error("local PAI service stopping"));
      const settled = await Promise.race([
        seeding.then(
          () => true,
          () => true,
        ),
        sleep(SEED_STOP_GRACE_MS, false, { ref: false }),
      ]);
      if (!settled)
        log.warn("base image seeding still running at shutdown; it will be retried next start");
      await registry.stop();
    },
  };
}

/** Resolves with the promise's value, or undefined as soon as `signal` aborts (a build stopped while waiting). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
