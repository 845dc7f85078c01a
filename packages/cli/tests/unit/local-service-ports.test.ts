/** localServicePorts: `local serve` and `dev` listen where the config file's `local` environment points. */
import { describe, expect, it } from "vitest";
import { localServicePorts } from "../../src/local-service-ports.ts";
import type { LoadedConfig } from "../../src/read-config.ts";

const config = (local: { endpoint?: string; registry?: string }): LoadedConfig => ({
  file: "/repo/imagebuild.config.yaml",
  dir: "/repo",
  value: { environments: { local } },
});

describe("localServicePorts", () => {
  it("takes the ports of a loopback endpoint and registry", () => {
    expect(
      localServicePorts(
        config({ endpoint: "http://127.0.0.1:8090", registry: "localhost:5001/pai" }),
      ),
    ).toEqual({ port: 8090, registryPort: 5001 });
  });

  it("keeps the defaults without a config, without ports, or for another host", () => {
    expect(localServicePorts(undefined)).toEqual({ port: 7070, registryPort: 5000 });
    expect(
      localServicePorts(config({ endpoint: "http://127.0.0.1", registry: "127.0.0.1/pai" })),
    ).toEqual({ port: 7070, registryPort: 5000 });
    expect(
      localServicePorts(
        config({
          endpoint: "https://pai.example.com:8443",
          registry: "registry.example.com:5001/pai",
        }),
      ),
    ).toEqual({ port: 7070, registryPort: 5000 });
  });
});
