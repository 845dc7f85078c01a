/**
 * A base-change tick for 100 `on-base-change` specs on two bases where nothing changed (the usual
 * hourly case): load, render, 100 ListImages on a fake PAI server and the HEADs on a node:http
 * registry, all on 127.0.0.1. Baseline, same run: a scheduled tick over the same specs that finds
 * none due (load and validate only). Prints medians, the ratio and how many HEADs one tick sent.
 *
 *   npx tsx bench/core-base-changes.ts [ticks]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type BuildSpecsContext,
  buildBaseChanges,
  buildSpecs,
  memorySource,
} from "@imagebuild/core";
import { createPaiClient } from "@imagebuild/pai-client";
import { startPaiServer } from "@imagebuild/test-support";

const TICKS = Number(process.argv[2] ?? 15);
const SPEC_COUNT = 100;
const DIGEST = `sha256:${"7".repeat(64)}`;
const BASES = ["busybox:1.36", "debian:bookworm"];
const REFERENCES = ["docker.io/library/busybox:1.36", "docker.io/library/debian:bookworm"];

let heads = 0;
const registry = createServer((_request, response) => {
  heads += 1;
  response.writeHead(200, { "docker-content-digest": DIGEST }).end();
});
await new Promise<void>((resolve) => registry.listen(0, "127.0.0.1", resolve));
const registryHost = `127.0.0.1:${(registry.address() as AddressInfo).port}`;

const files: Record<string, string> = {
  "specs/_defaults.yaml": `apiVersion: imagebuild/v1
kind: Defaults
registry: 127.0.0.1:5000/pai
build:
  WorkspaceId: local
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise }
`,
};
const images: Record<string, unknown>[] = [];
for (let i = 0; i < SPEC_COUNT; i++) {
  files[`specs/tool-${i}/1.0.0.yaml`] = `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    Dockerfile: "FROM ${BASES[i % 2]}\\nRUN echo ${i}\\n"
policy: { tag: overwrite, rebuild: on-base-change }
`;
  images.push({
    Name: `tool-${i}`,
    ImageUri: `127.0.0.1:5000/pai/tool-${i}:1.0.0`,
    WorkspaceId: "local",
    Labels: [{ Key: "imagebuild.base.0", Value: `${REFERENCES[i % 2]}@${DIGEST}` }],
  });
}
const pai = await startPaiServer({ images });
const client = createPaiClient({ endpoint: pai.url, env: {} });
const context: BuildSpecsContext = {
  client,
  config: {
    specPrefix: "specs/",
    ratePerSecond: 1000,
    concurrency: 16,
    registryMirrors: { "docker.io": { host: registryHost } },
  },
  log: { info() {}, warn() {}, error() {} },
  env: {},
};
const source = memorySource(files);

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < TICKS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const now = new Date("2026-12-01T05:30:00Z");
await buildBaseChanges({ source, now, context }); // warm-up
const baseline = await median(() => buildSpecs({ source, slotFor: () => undefined, context }));
heads = 0;
const tick = await median(async () => {
  const { changes } = await buildBaseChanges({ source, now, context });
  if (changes.some((change) => change.status !== "unchanged"))
    throw new Error("expected no change");
});
console.log(`${SPEC_COUNT} on-base-change specs on ${BASES.length} bases, ${TICKS} ticks each`);
console.log(`  scheduled tick, none due (baseline): ${baseline.toFixed(1)} ms median`);
console.log(
  `  base-change tick, nothing changed:   ${tick.toFixed(1)} ms median (${(tick / baseline).toFixed(2)}x baseline)`,
);
console.log(`  registry HEADs per tick: ${heads / TICKS} (one per base, not per spec)`);
console.log(`  builds submitted: ${pai.builds.size}`);
await client.close();
await pai.close();
registry.close();
