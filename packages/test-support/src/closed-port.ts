/** A loopback port nothing listens on, for tests of "the endpoint does not answer". */
import { createServer } from "node:net";

/**
 * A port the kernel just handed out on 127.0.0.1 and that was closed again, so a connection to it
 * is refused (`ECONNREFUSED`).
 *
 * @example
 * const endpoint = `http://127.0.0.1:${await closedPort()}`;
 */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
