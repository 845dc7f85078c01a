/** Starts the HTTP service over a data directory with a given builder and push check (no registry of its own). */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { AccessKey } from "./auth/authenticate.ts";
import { checkOptions } from "./check-options.ts";
import { createTokenBuckets, type RateLimit } from "./auth/token-bucket.ts";
import { createRequestHandler } from "./http/create-request-handler.ts";
import { DEFAULT_BODY_LIMIT_BYTES } from "./http/read-body.ts";
import type { PushCheck, ServiceContext } from "./http/service-context.ts";
import { type Logger, SILENT_LOGGER } from "./logger.ts";
import { createBuildQueue } from "./queue/build-queue.ts";
import type { Builder } from "./queue/builder.ts";
import { createClientTokenStore } from "./store/client-token-store.ts";
import { createImageStore } from "./store/image-store.ts";
import { createJobStore } from "./store/job-store.ts";
import { createNonceStore } from "./store/nonce-store.ts";
import { openDatabase } from "./store/open-database.ts";

/** How often expired ClientTokens and nonces are deleted. */
const PURGE_INTERVAL_MS = 60_000;

function limitsByKey(
  accessKeys: readonly AccessKey[],
): (caller: string) => ReadonlySet<string> | undefined {
  const limits = new Map<string, ReadonlySet<string>>();
  for (const key of accessKeys) {
    if (key.workspaces) limits.set(key.accessKeyId, new Set(key.workspaces));
  }
  return (caller) => limits.get(caller);
}

/**
 * Options of `startService`.
 *
 * @example
 * const options: StartServiceOptions = { dataDir, builder, canPush: async () => ({ ok: true }), port: 0 };
 */
export interface StartServiceOptions {
  dataDir: string;
  builder: Builder;
  canPush: PushCheck;
  port?: number;
  host?: string;
  concurrency?: number;
  accessKeys?: readonly AccessKey[];
  workspaces?: readonly string[] | undefined;
  rateLimit?: RateLimit | undefined;
  bodyLimitBytes?: number;
  log?: Logger;
}

/**
 * A running service.
 *
 * @example
 * const service: RunningService = await startService(options);
 * await service.idle();
 */
export interface RunningService {
  url: string;
  port: number;
  /** Resolves when no build is queued or running (for tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the state, fails jobs a previous process left unfinished, and listens.
 *
 * @example
 * const service = await startService({ dataDir, builder, canPush: async () => ({ ok: true }), port: 0 });
 * await fetch(`${service.url}/api/v1/images`);
 * await service.close();
 */
export async function startService({
  dataDir,
  builder,
  canPush,
  port = 0,
  host = "127.0.0.1",
  concurrency = 2,
  accessKeys = [],
  workspaces,
  rateLimit,
  bodyLimitBytes = DEFAULT_BODY_LIMIT_BYTES,
  log = SILENT_LOGGER,
}: StartServiceOptions): Promise<RunningService> {
  checkOptions({
    dataDir,
    port,
    host,
    concurrency,
    accessKeys,
    workspaces,
    rateLimit,
    bodyLimitBytes,
  });
  const db = openDatabase({ dataDir });
  const jobs = createJobStore({ db });
  const interrupted = jobs.failInterrupted();
  if (interrupted.length > 0) {
    log.warn("jobs interrupted by a restart marked Failed", { jobIds: interrupted });
  }
  const images = createImageStore({ db });
  const tokens = createClientTokenStore({ db });
  const nonces = createNonceStore({ db });
  const purge = () => {
    tokens.purgeExpired();
    nonces.purgeExpired();
  };
  purge();
  const timer = setInterval(purge, PURGE_INTERVAL_MS);
  timer.unref();
  const queue = createBuildQueue({ db, jobs, images, builder, concurrency, dataDir, log });
  const service: ServiceContext = {
    dataDir,
    images,
    jobs,
    tokens,
    queue,
    canPush,
    workspaces: workspaces === undefined ? undefined : new Set(workspaces),
    callerWorkspaces: limitsByKey(accessKeys),
    replayHints: new Map(),
  };
  const server = createServer(
    createRequestHandler({
      service,
      accessKeys,
      nonces,
      buckets: rateLimit ? createTokenBuckets(rateLimit) : undefined,
      bodyLimitBytes,
      log,
    }),
  );
  server.keepAliveTimeout = 65_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    clearInterval(timer);
    await queue.close();
    db.close();
    throw error;
  }
  const bound = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  log.info("local PAI service listening", { url, signed: accessKeys.length > 0 });
  let closing: Promise<void> | undefined;
  return {
    url,
    port: bound,
    idle: () => queue.idle(),
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await queue.close();
        db.close();
      })();
      return closing;
    },
  };
}
