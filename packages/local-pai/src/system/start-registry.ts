/** Starts the CNCF distribution registry (`docker-registry serve`) as a child process under the data directory. */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { waitForBuildCleanup } from "./build-cleanup.ts";
import { isProcessAlive } from "../service-state.ts";
import { RegistryInUseError, RegistryStartError } from "./errors.ts";
import { freePort } from "./free-port.ts";
import { htpasswdLine } from "./htpasswd-line.ts";
import { manifestExists } from "@imagebuild/pai-client/registry";
import { SILENT_LOGGER } from "@imagebuild/pai-client/logger";
import { releaseBuildStorage } from "./release-build-storage.ts";
import { stopLeftoverBuilders } from "./stop-leftover-builders.ts";
import type { Logger, RegistryCredentials, RegistryHandle } from "./types.ts";

/** How long the registry gets to answer `/v2/`. */
const READY_TIMEOUT_MS = 30_000;
const READY_POLL_MS = 50;
/** How long `stop()` waits after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_LINES = 50;
/** Tries with a fresh free port when another process took the last one first. */
const FREE_PORT_ATTEMPTS = 3;

/**
 * Starts `docker-registry serve` on 127.0.0.1:`port` (0 or absent: a free port) with its storage in
 * `<dataDir>/registry`, optionally behind htpasswd (bcrypt). Resolves once `/v2/` answers. A registry
 * and builders left running by a killed earlier service on the same data directory are stopped first;
 * a registry whose owner (the process that started it, recorded in `registry.pid`) is alive is left
 * alone and `RegistryInUseError` thrown.
 *
 * @example
 * const registry = await startRegistry({ dataDir: ".imagebuild", port: 5000, htpasswd: { username: "ci", password } });
 * console.log(registry.url); // http://127.0.0.1:5000
 * await registry.stop();
 */
export async function startRegistry({
  dataDir,
  port = 0,
  htpasswd,
  log = SILENT_LOGGER,
}: {
  dataDir: string;
  port?: number;
  htpasswd?: RegistryCredentials;
  log?: Logger;
}): Promise<RegistryHandle> {
  const root = resolve(dataDir);
  const dir = join(root, "registry");
  await mkdir(join(dir, "storage"), { recursive: true });
  const configPath = join(dir, "config.yml");
  const pidPath = join(dir, "registry.pid");
  await stopStaleRegistry({ pidPath, configPath, dataDir: root, log });
  // The registry starts first in every service start-up, before any build: the moment to clear a crash's leftovers.
  await stopLeftoverBuilders({ dataDir: root, log });

  const htpasswdPath = join(dir, "htpasswd");
  await rm(htpasswdPath, { force: true });
  if (htpasswd) await writeFile(htpasswdPath, `${htpasswdLine(htpasswd)}\n`, { mode: 0o600 });
  const htpasswdFile = htpasswd ? htpasswdPath : undefined;
  let started: StartedRegistry;
  for (let attempt = 1; ; attempt++) {
    try {
      started = await spawnRegistry({
        port: port === 0 ? await freePort() : port,
        storage: join(dir, "storage"),
        configPath,
        pidPath,
        htpasswdPath: htpasswdFile,
        log,
      });
      break;
    } catch (error) {
      // freePort's port is only free until someone binds it: another process on this busy machine
      // may take it before the registry does. A port we picked ourselves can be picked again.
      const raced =
        error instanceof RegistryStartError && /address already in use/.test(error.message);
      if (port !== 0 || !raced || attempt >= FREE_PORT_ATTEMPTS) throw error;
      log.warn("registry port taken before it was bound; trying another", { attempt });
    }
  }
  const { host, url, child, exited } = started;
  log.info("registry listening", { url, htpasswd: htpasswd !== undefined });

  const handle: RegistryHandle = {
    host,
    url,
    hasManifest: (repository, tag) =>
      manifestExists({ host, repository, tag, credentials: htpasswd }),
    async stop() {
      // Builds remove their pushed images in the background; after stop() the data directory may go,
      // so nothing may stay mounted in the build storage either. No build runs any more.
      await waitForBuildCleanup();
      await releaseBuildStorage({ dataDir: root, log });
      await stopChild(child, exited);
      await rm(pidPath, { force: true });
    },
  };
  if (htpasswd) handle.auth = { ...htpasswd };
  return handle;
}

/** A registry child that answers `/v2/`. */
interface StartedRegistry {
  host: string;
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

async function spawnRegistry({
  port,
  storage,
  configPath,
  pidPath,
  htpasswdPath,
  log,
}: {
  port: number;
  storage: string;
  configPath: string;
  pidPath: string;
  htpasswdPath: string | undefined;
  log: Logger;
}): Promise<StartedRegistry> {
  const host = `127.0.0.1:${port}`;
  await writeFile(configPath, registryConfig({ storage, host, htpasswdPath }), { mode: 0o600 });
  const child = spawn("docker-registry", ["serve", configPath], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > OUTPUT_TAIL_LINES) output.shift();
      log.info(line, { source: "registry" });
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((done) => {
    // "close" waits for stdout and stderr to drain: after "exit" the registry's last words may still be in flight.
    child.once("close", (code) => done(code));
    child.once("error", (error) => {
      output.push(error.message);
      done(null);
    });
  });
  if (child.pid !== undefined) {
    const record: RegistryPidFile = { pid: child.pid, ownerPid: process.pid };
    await writeFile(pidPath, `${JSON.stringify(record)}\n`);
  }

  const url = `http://${host}`;
  try {
    await waitUntilReady({ url, exited, output });
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
  return { host, url, child, exited };
}

function registryConfig({
  storage,
  host,
  htpasswdPath,
}: {
  storage: string;
  host: string;
  htpasswdPath: string | undefined;
}): string {
  const lines = [
    "version: 0.1",
    "log:",
    "  level: warn",
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${JSON.stringify(storage)}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: ${JSON.stringify(host)}`,
    // A fixed random secret silences the registry's warning; it only signs upload state.
    `  secret: ${randomBytes(16).toString("hex")}`,
  ];
  if (htpasswdPath) {
    lines.push(
      "auth:",
      "  htpasswd:",
      "    realm: imagebuild-local",
      `    path: ${JSON.stringify(htpasswdPath)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function waitUntilReady({
  url,
  exited,
  output,
}: {
  url: string;
  exited: Promise<number | null>;
  output: string[];
}): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new RegistryStartError({
        message: `docker-registry exited with code ${exitCode} before answering on ${url}: ${reasonLine(output)}`,
        output: output.join("\n"),
      });
    }
    try {
      const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1_000) });
      await res.body?.cancel();
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // not listening yet
    }
    await sleep(READY_POLL_MS);
  }
  throw new RegistryStartError({
    message: `docker-registry did not answer on ${url} within ${READY_TIMEOUT_MS} ms`,
    output: output.join("\n"),
  });
}

/** The line that says why the registry stopped: its last fatal or error line, else its last line. */
function reasonLine(output: string[]): string {
  // A warning printed after the fatal line must not hide the reason (e.g. "address already in use").
  return output.findLast((line) => /level=(fatal|panic|error)/.test(line)) ?? output.at(-1) ?? "";
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** `registry/registry.pid`: the registry child and the service process that started it. */
interface RegistryPidFile {
  pid: number;
  ownerPid: number;
}

/**
 * A service killed with SIGKILL leaves its registry running and holding the port; stop it. A registry
 * whose owner is alive belongs to a running service (e.g. `local serve` beside `imagebuild dev`): it
 * is never stopped. The owner being this process means a handle this process lost, so it is stopped.
 */
async function stopStaleRegistry({
  pidPath,
  configPath,
  dataDir,
  log,
}: {
  pidPath: string;
  configPath: string;
  dataDir: string;
  log: Logger;
}): Promise<void> {
  const record = parsePidFile(await readFile(pidPath, "utf8").catch(() => ""));
  if (record === undefined) return;
  const { pid, ownerPid } = record;
  // Checked first: a live owner's builders must not be cleared either, even if its registry died.
  if (ownerPid !== undefined && ownerPid !== process.pid && isProcessAlive(ownerPid)) {
    throw new RegistryInUseError({ dataDir, registryPid: pid, ownerPid });
  }
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  // Only a process that is this data directory's registry: the pid may have been reused.
  if (!cmdline.includes("docker-registry") || !cmdline.includes(configPath)) return;
  log.warn("stopping a registry left running by an earlier service", { pid });
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + STOP_GRACE_MS;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(READY_POLL_MS);
  }
  process.kill(pid, "SIGKILL");
}

/** The pid file's record; a bare number (written before owners were recorded) has no owner. */
function parsePidFile(text: string): { pid: number; ownerPid?: number } | undefined {
  const bare = /^\s*(\d+)\s*$/.exec(text);
  if (bare) return { pid: Number(bare[1]) };
  try {
    const { pid, ownerPid } = JSON.parse(text) as Partial<RegistryPidFile>;
    if (!Number.isInteger(pid) || (pid as number) <= 0) return undefined;
    return Number.isInteger(ownerPid)
      ? { pid: pid as number, ownerPid: ownerPid as number }
      : { pid: pid as number };
  } catch {
    return undefined;
  }
}
