/** `imagebuild dev`: the whole pipeline on this machine — local PAI service, the bundle s.yaml deploys behind its triggers, a bucket folder, git pushes. */
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { deliverPush, gitPushPayload, startDevPipeline } from "@imagebuild/local-cloud";
import {
  createLogger,
  type LocalKeys,
  type Logger,
  loadOrCreateLocalKeys,
} from "@imagebuild/local-pai";
import { readServiceState } from "@imagebuild/local-pai/service-state";
import { z } from "zod";
import { type Command, EXIT_FAILED, EXIT_OK, type Io, UsageError } from "../command.ts";
import { type LocalServiceFound, discoverLocalService } from "../discover-local-service.ts";
import { asPortInUse, ensurePortsFree } from "../ensure-ports-free.ts";
import { intFlag } from "../flag-schemas.ts";
import { registryFor } from "../local-registry.ts";
import { parseFlags } from "../parse-flags.ts";
import { startLocalPai } from "../start-local-pai.ts";
import { localServicePorts } from "../local-service-ports.ts";
import { localDataDir, repositoryRoot, resolveSettings } from "../settings.ts";

const STATE_FILE = "dev.json";
/** How often dev reads a reused service's record while its base images are being seeded. */
const REUSED_SEED_POLL_MS = 500;
/** The project's s.yaml, used when the current folder has none. */
const PROJECT_S_YAML = fileURLToPath(new URL("../../../../s.yaml", import.meta.url));
const portFlag = (fallback: number) => intFlag({ min: 0, max: 65_535, fallback });

const FLAGS = z.object({
  once: z.boolean().default(false),
  port: portFlag(9000),
  // Absent: the config file's `local` environment decides, else the defaults (localServicePorts).
  paiPort: intFlag({ min: 0, max: 65_535, fallback: undefined }),
  registryPort: intFlag({ min: 0, max: 65_535, fallback: undefined }),
  data: z.string().min(1, "must not be empty").optional(),
  bucket: z.string().min(1, "must not be empty").optional(),
  noTimers: z.boolean().default(false),
  commit: z
    .string()
    .regex(/^[A-Za-z0-9_./~^@{}-]{1,200}$/, "must be a git revision")
    .optional(),
  all: z.boolean().default(false),
  json: z.boolean().default(false),
});

const DevState = z.object({
  url: z.string().url(),
  secret: z.string().min(16),
  repository: z.string(),
});

const HELP = `Usage: imagebuild dev [options]
       imagebuild dev push [--commit REV] [--all]

Runs the build-trigger function's whole pipeline on this machine: starts the local PAI service
(registry on --registry-port), or reuses the one already serving --data (\`local serve --keys\`, or
unsigned) and leaves it running; a port held by any other process is refused in one line naming
its pid. The local specs' images go to that service's registry (<registry>/pai/<image>:<version>)
unless a spec names its own registry. Builds the bundle s.yaml deploys if it is missing or stale
and runs it configured by s.yaml's environment, its HTTP trigger on --port turning each request
into the exact FC 3.0 event, treats <data>/bucket as the OSS bucket (a new or changed
specs/**.yaml there emits an OSS event), fires s.yaml's timer triggers on their cron, and serves
this git repository to the function as its git provider's API. Ctrl-C stops everything dev
started.

  dev push   sends a GitHub-shaped push for a commit (default HEAD; added/modified/removed from
             git diff --name-status against its parent), signed with this session's secret, to the
             running dev pipeline. As a git hook, so every commit is pushed to the function:
               printf '#!/bin/sh\\nnpx imagebuild dev push\\n' > .git/hooks/post-commit
               chmod +x .git/hooks/post-commit

Options:
  --once               push every spec at HEAD, wait for the builds with progress, print the
                       registry and workspace images, and exit (non-zero if a build failed)
  --port N             the function's HTTP trigger port (default: 9000)
  --pai-port N         local PAI service port, when dev starts it (default: the port of
                       environments.local.endpoint in imagebuild.config.yaml, else 7070)
  --registry-port N    local registry port, when dev starts it (default: the port of
                       environments.local.registry in the config, else 5000)
  --data DIR           local service state and the session file (default: .imagebuild at the
                       repository root, from any subfolder); a service already running on it is reused
  --bucket DIR         the folder playing the OSS bucket (default: <data>/bucket)
  --no-timers          do not fire s.yaml's timer triggers
  --commit REV         (dev push) the commit to announce (default: HEAD)
  --all                (dev push) announce every file of the commit as added
  --json               an error as {ok: false, error} on stdout instead of a line on stderr
  -h, --help           show this help

Examples:
  imagebuild dev --once
  imagebuild dev            # then, in another terminal: imagebuild dev push
  mkdir -p .imagebuild/bucket/specs/busybox-hello && cp specs/busybox-hello/1.0.0.yaml .imagebuild/bucket/specs/busybox-hello/
`;

/** The `dev` command. */
export const command: Command = {
  name: "dev",
  summary: "run the whole pipeline on this machine",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags, positionals } = parseFlags({
      args,
      positionals: true,
      schema: FLAGS,
    });
    const dataDir = localDataDir({ data: flags.data, cwd: io.cwd });
    if (positionals[0] === "push") return push(io, dataDir, flags.commit, flags.all);
    if (positionals.length > 0) throw new UsageError(`unknown argument "${positionals[0]}"`);
    if (flags.commit !== undefined || flags.all)
      throw new UsageError("--commit and --all go with dev push");
    return serve(io, { ...flags, dataDir });
  },
};

async function serve(io: Io, flags: z.output<typeof FLAGS> & { dataDir: string }): Promise<number> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const root = repositoryRoot(io.cwd);
  const bucketDir = resolve(io.cwd, flags.bucket ?? `${flags.dataDir}/bucket`);
  mkdirSync(`${bucketDir}/specs`, { recursive: true });
  ensurePortsFree([{ port: flags.port, flag: "--port" }]);
  const service = await localService(io, flags);
  const { keys } = service;
  const secret = randomBytes(24).toString("hex");
  let dev: Awaited<ReturnType<typeof startDevPipeline>> | undefined;
  try {
    dev = await startDevPipeline({
      repoDir: root,
      bucketDir,
      paiUrl: service.url,
      registryUrl: service.registryUrl,
      defaultRegistry: registryFor(service.registryHost),
      secret,
      sYamlPath: existsSync(resolve(root, "s.yaml")) ? resolve(root, "s.yaml") : PROJECT_S_YAML,
      port: flags.port,
      env: io.env,
      credentials: keys?.accessKey,
      registryAuth: keys?.registryAuth,
      out: say,
      timers: !flags.noTimers && !flags.once,
    }).catch((error: unknown) => {
      throw asPortInUse(error, [{ port: flags.port, flag: "--port" }]);
    });
    writeFileSync(
      `${flags.dataDir}/${STATE_FILE}`,
      JSON.stringify({ url: dev.handlerUrl, secret, repository: dev.repository }),
      { mode: 0o600 },
    );
    say(`function (HTTP trigger): ${dev.handlerUrl}   bucket folder: ${bucketDir}`);
    // The function HEADs base images for on-base-change specs when it submits them.
    say("waiting for the base images to be in the registry");
    await service.baseImagesReady();
    if (flags.once) {
      const { status, results } = await dev.push({ all: true, followInBackground: false });
      const failed =
        status === 202 ? await dev.waitForBuilds(results) : ["(the push was not accepted)"];
      say(await dev.summary());
      // A spec waiting for its base was submitted by the function once the base succeeded.
      const built = results.filter(
        (r) => r.status === "submitted" || r.status === "waiting",
      ).length;
      say(
        failed.length === 0
          ? `done: ${built} image(s) built, ${results.length - built} spec(s) not built here`
          : `failed: ${failed.join(", ")}`,
      );
      return failed.length === 0 ? EXIT_OK : EXIT_FAILED;
    }
    say(
      "ready: `imagebuild dev push` sends a push for HEAD; drop specs/**.yaml into the bucket folder; Ctrl-C stops",
    );
    await new Promise<void>((done) => {
      const stop = () => done();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      io.signal?.addEventListener("abort", stop, { once: true });
    });
    say("stopping");
    return EXIT_OK;
  } finally {
    await dev?.close();
    await service.close();
  }
}

/** The local service dev builds on: its endpoint, registry, the keys to sign with, and how to let it go. */
interface DevService {
  url: string;
  registryHost: string;
  registryUrl: string;
  keys: LocalKeys | undefined;
  /** Resolves once the service's base images are in its registry (a reused service seeded them when it started). */
  baseImagesReady(): Promise<void>;
  /** Stops the service dev started; leaves a reused one running. */
  close(): Promise<void>;
}

/**
 * The service already running on the data directory (reused, and kept running at the end), else a
 * new one, signed and behind a registry login as in production: keys made once per data directory
 * (0600), handed to the function as its role's credentials and to builds as the registry's login.
 */
async function localService(
  io: Io,
  flags: z.output<typeof FLAGS> & { dataDir: string },
): Promise<DevService> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const running = await discoverLocalService({ dataDir: flags.dataDir });
  if (running) {
    if (running.keys === "own") throw new ServiceNotSharedError(running);
    say(`reusing the local service at ${running.endpoint} (pid ${running.pid})`);
    const keys =
      running.keys === "data-dir"
        ? await loadOrCreateLocalKeys({ dataDir: flags.dataDir })
        : undefined;
    return {
      ...running,
      url: running.endpoint,
      keys,
      baseImagesReady: () => reusedBaseImagesReady(flags.dataDir),
      close: async () => {},
    };
  }
  say(
    `starting the local PAI service (data ${flags.dataDir}; first run seeds base images, which takes a while)`,
  );
  const keys = await loadOrCreateLocalKeys({ dataDir: flags.dataDir });
  const configured = localServicePorts((await resolveSettings({ io })).config);
  const pai = await startLocalPai(
    {
      dataDir: flags.dataDir,
      port: flags.paiPort ?? configured.port,
      registryPort: flags.registryPort ?? configured.registryPort,
      accessKeys: [keys.accessKey],
      registryAuth: keys.registryAuth,
      keysFromDataDir: true,
      installSystemPackages: true,
      log: serviceLog(io),
    },
    { portFlag: "--pai-port" },
  );
  say(`local PAI service: ${pai.url}, registry ${pai.registry.host}`);
  return {
    url: pai.url,
    registryHost: pai.registry.host,
    registryUrl: pai.registry.url,
    keys,
    baseImagesReady: () => pai.baseImagesReady(),
    close: () => pai.close(),
  };
}

/** Polls the reused service's record until it says its base-image seeding ended (or it is gone). */
async function reusedBaseImagesReady(dataDir: string): Promise<void> {
  for (;;) {
    const state = readServiceState({ dataDir });
    if (!state || state.baseImagesReady) return;
    await sleep(REUSED_SEED_POLL_MS);
  }
}

/** The running service signs with keys given to it, which dev cannot read from the data directory. */
class ServiceNotSharedError extends Error {
  override readonly name = "ServiceNotSharedError";
  readonly code = "LOCAL_PAI_NOT_SHARED";
  constructor(running: LocalServiceFound) {
    super(
      `the local service at ${running.endpoint} (pid ${running.pid}) signs with keys of its own, which dev cannot use: restart it with --keys (the data directory's keys), or give dev another --data`,
    );
  }
}

async function push(
  io: Io,
  dataDir: string,
  commit: string | undefined,
  all: boolean,
): Promise<number> {
  const stateFile = `${dataDir}/${STATE_FILE}`;
  let text: string;
  try {
    text = readFileSync(stateFile, "utf8");
  } catch {
    throw new UsageError(
      `no running dev pipeline found (${stateFile}); start \`imagebuild dev\` first`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${stateFile}: is not JSON; restart \`imagebuild dev\` to rewrite it`);
  }
  const parsed = DevState.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${stateFile}: ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new UsageError(`${problems.join("\n")}\nrestart \`imagebuild dev\` to rewrite it`);
  }
  const state = parsed.data;
  const payload = gitPushPayload({
    repoDir: repositoryRoot(io.cwd),
    repository: state.repository,
    commit,
    all,
  });
  const { status, body } = await deliverPush({
    url: state.url,
    secret: state.secret,
    payload,
    delivery: randomUUID(),
  });
  io.stdout.write(`push ${payload.after.slice(0, 12)} → ${status}\n${body}\n`);
  return status === 202 ? EXIT_OK : EXIT_FAILED;
}

/** The local service's log without the tools' own output (buildah steps, debootstrap, apt-get): dev prints build progress itself. */
function serviceLog(io: Io): Logger {
  return withoutToolOutput(createLogger({ format: "plain", stream: io.stderr }));
}

function withoutToolOutput(log: Logger): Logger {
  return {
    info: (message, fields) => {
      if (fields?.source === undefined && !message.startsWith("job status"))
        log.info(message, fields);
    },
    warn: log.warn,
    error: log.error,
    child: (fields) => withoutToolOutput(log.child(fields)),
  };
}
