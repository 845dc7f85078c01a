/** Finds the local service running on a data directory (its `service.json`) and checks that it answers. */
import { readServiceState, type ServiceState } from "@imagebuild/local-pai/service-state";

/** How long the running service gets to answer the probe. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * A running local service, as it recorded itself.
 *
 * @example
 * const found: LocalServiceFound = { endpoint: "http://127.0.0.1:7070", registryHost: "127.0.0.1:5000", pid: 4242, … };
 */
export type LocalServiceFound = Omit<ServiceState, "startedAt">;

/**
 * The local service serving `dataDir`, or undefined when none is: no `service.json`, its pid is gone
 * (a service killed with SIGKILL), or its endpoint does not answer (the pid was reused). Any HTTP
 * answer counts, so a signed service's 4xx to the unsigned probe does too.
 *
 * @example
 * const running = await discoverLocalService({ dataDir: ".imagebuild" });
 * if (running) console.log(`reusing the local service at ${running.endpoint} (pid ${running.pid})`);
 */
export async function discoverLocalService({
  dataDir,
}: {
  dataDir: string;
}): Promise<LocalServiceFound | undefined> {
  const state = readServiceState({ dataDir });
  if (!state) return undefined;
  try {
    const answer = await fetch(`${state.endpoint}/api/v1/images`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await answer.body?.cancel();
  } catch {
    return undefined;
  }
  const { startedAt: _, ...found } = state;
  return found;
}
