/** Starts a stand-in's node:http server on a port and gives its address and a close that ends open connections. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A listening stand-in: `host` is `address:port`, `url` is `http://` plus it. */
export interface ListeningServer {
  url: string;
  host: string;
  close(): Promise<void>;
}

/**
 * Listens on `port` (0: any free one) of `host`; a port taken rejects with the server's error.
 *
 * @example
 * const { url, close } = await listenServer({ server: createServer(handler), port: 0 });
 */
export async function listenServer({
  server,
  port = 0,
  host = "127.0.0.1",
}: {
  server: Server;
  port?: number;
  host?: string;
}): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    host: `${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
