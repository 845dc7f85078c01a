/** Refuses, in one line naming the port and the process holding it, to start a server on a port that is taken. */
import { describeHolders, portHolders } from "./port-holders.ts";

/** A port to listen on and the flag that chooses it. */
export interface WantedPort {
  port: number;
  flag: string;
}

/**
 * A port this command was to listen on is held by another process.
 *
 * @example
 * throw new PortInUseError({ port: 7070, flag: "--pai-port", holder: "pid 4242 (python3)" });
 */
export class PortInUseError extends Error {
  override readonly name = "PortInUseError";
  readonly code = "PORT_IN_USE";
  readonly port: number;
  readonly field: string;
  constructor({ port, flag, holder }: { port: number; flag: string; holder: string }) {
    super(`port ${port} is held by ${holder}: stop it, or choose another port with ${flag}`);
    this.port = port;
    this.field = flag;
  }
}

/**
 * Throws `PortInUseError` for the first of `ports` something listens on (0, a free port, is skipped).
 *
 * @example
 * ensurePortsFree([{ port: 7070, flag: "--pai-port" }, { port: 5000, flag: "--registry-port" }]);
 */
export function ensurePortsFree(ports: readonly WantedPort[]): void {
  for (const { port, flag } of ports) {
    if (port === 0) continue;
    const holders = portHolders(port);
    if (holders.length > 0)
      throw new PortInUseError({ port, flag, holder: describeHolders(holders) });
  }
}

/**
 * The error to report for a failed start: a `PortInUseError` when it was a listen on one of `ports`
 * that lost a race (`EADDRINUSE`, or the registry's "address already in use"), else `error` itself.
 *
 * @example
 * try { await createLocalPai(options); } catch (error) { throw asPortInUse(error, ports); }
 */
export function asPortInUse(error: unknown, ports: readonly WantedPort[]): unknown {
  const record = (typeof error === "object" && error !== null ? error : {}) as {
    code?: unknown;
    port?: unknown;
    message?: unknown;
  };
  const text = typeof record.message === "string" ? record.message : "";
  const inUse = record.code === "EADDRINUSE" || /address already in use/.test(text);
  if (!inUse) return error;
  const wanted = ports.find(
    (p) => p.port !== 0 && (p.port === record.port || new RegExp(`:${p.port}(?!\\d)`).test(text)),
  );
  if (!wanted) return error;
  return new PortInUseError({
    port: wanted.port,
    flag: wanted.flag,
    holder: describeHolders(portHolders(wanted.port)),
  });
}
