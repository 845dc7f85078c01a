/** `<data>/service.json`: which process serves a data directory (pid, endpoint, registry), so another one reuses it instead of fighting over its ports and registry. */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

/** The state file's name inside the data directory. */
export const SERVICE_STATE_FILE = "service.json";

/**
 * What a running service records about itself. No secret: `keys` says where its keys live, not what they are.
 *
 * @example
 * ServiceStateSchema.parse(JSON.parse(readFileSync(".imagebuild/service.json", "utf8"))).endpoint;
 */
export const ServiceStateSchema = z.object({
  pid: z.number().int().positive(),
  /** The API endpoint, e.g. `http://127.0.0.1:7070`. */
  endpoint: z.string().url(),
  /** The registry builds push to, `127.0.0.1:5000`: the Image.Uri host. */
  registryHost: z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/),
  registryUrl: z.string().url(),
  consoleUrl: z.string().url(),
  /** Only signed requests are accepted. */
  signed: z.boolean(),
  /** The registry is behind an htpasswd login. */
  registryLogin: z.boolean(),
  /** `data-dir`: signed with the data directory's `local-keys.json`; `own`: with keys given to it; `none`. */
  keys: z.enum(["data-dir", "own", "none"]),
  startedAt: z.string(),
  /** Base-image seeding has ended (successfully or not): a build's base can be looked up in the registry. */
  baseImagesReady: z.boolean().default(false),
});

/**
 * A running service's record.
 *
 * @example
 * const state: ServiceState | undefined = readServiceState({ dataDir: ".imagebuild" });
 */
export type ServiceState = z.input<typeof ServiceStateSchema>;

/**
 * Another live process serves this data directory: starting a second service on it would stop its
 * registry and fight over its ports.
 *
 * @example
 * throw new LocalPaiInUseError({ dataDir: ".imagebuild", state });
 */
export class LocalPaiInUseError extends Error {
  override readonly name = "LocalPaiInUseError";
  readonly code = "LOCAL_PAI_IN_USE";
  readonly pid: number;
  readonly endpoint: string;
  constructor({ dataDir, state }: { dataDir: string; state: ServiceState }) {
    super(
      `${resolve(dataDir)} is served by the local service at ${state.endpoint} (pid ${state.pid}): use it, stop it, or choose another data directory`,
    );
    this.pid = state.pid;
    this.endpoint = state.endpoint;
  }
}

/**
 * Records `state` in `<dataDir>/service.json`, atomically (a temporary file renamed over it), so a
 * reader never sees half a file.
 *
 * @example
 * writeServiceState({ dataDir: ".imagebuild", state: { pid: process.pid, endpoint: pai.url, … } });
 */
export function writeServiceState({ dataDir, state }: { dataDir: string; state: ServiceState }) {
  const file = join(resolve(dataDir), SERVICE_STATE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o644 });
  renameSync(temporary, file);
}

/**
 * The service recorded in `<dataDir>/service.json` if its process is alive; undefined when there is
 * no file, it is not one a service wrote, or its pid is gone (a service killed with SIGKILL).
 *
 * @example
 * const running = readServiceState({ dataDir: ".imagebuild" });
 * if (running) console.log(`reusing ${running.endpoint} (pid ${running.pid})`);
 */
export function readServiceState({ dataDir }: { dataDir: string }): ServiceState | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(resolve(dataDir), SERVICE_STATE_FILE), "utf8"));
  } catch {
    return undefined;
  }
  const parsed = ServiceStateSchema.safeParse(json);
  if (!parsed.success || !isProcessAlive(parsed.data.pid)) return undefined;
  return parsed.data;
}

/**
 * Removes `<dataDir>/service.json` if it names `pid` (default: this process), never another service's.
 *
 * @example
 * removeServiceState({ dataDir: ".imagebuild" });
 */
export function removeServiceState({
  dataDir,
  pid = process.pid,
}: {
  dataDir: string;
  pid?: number;
}): void {
  const file = join(resolve(dataDir), SERVICE_STATE_FILE);
  let recorded: unknown;
  try {
    recorded = (JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown }).pid;
  } catch {
    return;
  }
  if (recorded === pid) rmSync(file, { force: true });
}

/**
 * Whether a process with this pid runs (one of another user counts: signalling it is refused, not
 * unknown). A zombie, killed but not yet reaped by its parent, does not.
 *
 * @example
 * isProcessAlive(process.pid); // true
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  let stat = "";
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return true; // no /proc (not Linux): the signal's answer stands
  }
  // "pid (comm) state …": comm may hold spaces and parentheses, so the state follows the last ")".
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
}
