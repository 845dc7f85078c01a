/** ensurePortsFree and asPortInUse: a taken port becomes one line naming it, its holder's pid and the flag. */
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asPortInUse, ensurePortsFree, PortInUseError } from "../../src/ensure-ports-free.ts";

const NODE = path.basename(process.execPath);
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe("ensurePortsFree", () => {
  it("names the port, this process as its holder, and the flag that moves it", () => {
    expect(() => ensurePortsFree([{ port, flag: "--pai-port" }])).toThrow(
      `port ${port} is held by pid ${process.pid} (${NODE}): stop it, or choose another port with --pai-port`,
    );
  });

  it("passes free ports and port 0", () => {
    expect(() => ensurePortsFree([{ port: 0, flag: "--port" }])).not.toThrow();
  });
});

describe("asPortInUse", () => {
  // Read when a test runs: the port is bound in beforeAll.
  const wanted = () => [
    { port: 0, flag: "--pai-port" },
    { port, flag: "--registry-port" },
  ];

  it("turns a lost listen race into the one line: node's EADDRINUSE and the registry's own message", () => {
    const listen = Object.assign(new Error(`listen EADDRINUSE: address already in use`), {
      code: "EADDRINUSE",
      port,
    });
    const registry = new Error(
      `docker-registry exited with code 1 before answering: listen tcp 127.0.0.1:${port}: bind: address already in use`,
    );
    for (const error of [listen, registry]) {
      const mapped = asPortInUse(error, wanted());
      expect(mapped).toBeInstanceOf(PortInUseError);
      expect(mapped).toMatchObject({ code: "PORT_IN_USE", port, field: "--registry-port" });
    }
  });

  it("leaves other errors, and ports it was not asked about, as they are", () => {
    const other = new Error("docker-registry did not answer within 30000 ms");
    expect(asPortInUse(other, wanted())).toBe(other);
    const elsewhere = Object.assign(new Error("listen EADDRINUSE"), {
      code: "EADDRINUSE",
      port: port + 1,
    });
    expect(asPortInUse(elsewhere, wanted())).toBe(elsewhere);
    const longer = new Error(`listen tcp 127.0.0.1:${port}1: bind: address already in use`);
    expect(asPortInUse(longer, wanted())).toBe(longer);
  });
});
