/** Starts the local PAI service for `local serve` and `dev`, refusing in one line when its data directory or a port is taken. */
import {
  createLocalPai,
  type LocalPai,
  LocalPaiInUseError,
  type LocalPaiOptions,
  readServiceState,
} from "@imagebuild/local-pai";
import { asPortInUse, ensurePortsFree } from "./ensure-ports-free.ts";

/**
 * `createLocalPai(options)`, after checking that no live service has the data directory
 * (`LocalPaiInUseError`, naming its endpoint and pid) and that the API and registry ports are free
 * (`PortInUseError`, naming the port, the pid holding it and `portFlag` / `registryPortFlag`). A port
 * taken between the check and the listen is reported the same way, never as an `EADDRINUSE` trace.
 *
 * @example
 * const pai = await startLocalPai({ dataDir, port: 7070, registryPort: 5000 }, { portFlag: "--pai-port" });
 */
export async function startLocalPai(
  options: LocalPaiOptions & { port: number; registryPort: number },
  { portFlag = "--port", registryPortFlag = "--registry-port" } = {},
): Promise<LocalPai> {
  const running = readServiceState({ dataDir: options.dataDir });
  if (running) throw new LocalPaiInUseError({ dataDir: options.dataDir, state: running });
  const ports = [
    { port: options.port, flag: portFlag },
    { port: options.registryPort, flag: registryPortFlag },
  ];
  ensurePortsFree(ports);
  try {
    return await createLocalPai(options);
  } catch (error) {
    throw asPortInUse(error, ports);
  }
}
