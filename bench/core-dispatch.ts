/**
 * Dispatching 1,000 builds against a local PAI stand-in (node:http on port 0) that answers CreateImageBuild
 * idempotently on ClientToken, counts builds, and allows Q requests/s (a token bucket refilled at Q/s holding
 * Q/10, answering HTTP 400 `Throttling.User` beyond); the server runs in a worker thread, so its clock and event
 * loop are its own. The client is the real `@imagebuild/pai-client`, which
 * retries throttling with the same ClientToken. Prints the total time against the bound 1000/Q (goal ≤ 1.1x)
 * and fails unless every spec got exactly one build: a second dispatch of the same items must only replay.
 *
 * Run: npx tsx bench/core-dispatch.ts [Q=100] [builds=1000] [concurrency=32]
 */
import {
  type DispatchItem,
  dispatch,
  loadSpecs,
  memorySource,
  prepareBuild,
} from "@imagebuild/core";
import { createPaiClient } from "@imagebuild/pai-client";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { DEFAULTS_YAML, type PaiServerStats, specYaml } from "@imagebuild/test-support";

const Q = Number(process.argv[2] ?? 100);
const BUILDS = Number(process.argv[3] ?? 1000);
const CONCURRENCY = Number(process.argv[4] ?? 32);

async function generateItems(): Promise<DispatchItem[]> {
  const files: Record<string, string> = { "specs/_defaults.yaml": DEFAULTS_YAML };
  for (let n = 0; n < BUILDS; n += 1) {
    files[`specs/image-${Math.floor(n / 10)}/1.0.${n % 10}.yaml`] = specYaml({
      name: `build-${n}`,
    });
  }
  const { specs, problems } = await loadSpecs({ source: memorySource(files), env: "local" });
  if (problems.length > 0 || specs.length !== BUILDS)
    throw new Error(`generated specs are invalid: ${problems[0]?.message}`);
  return specs.map((spec) => prepareBuild(spec, { env: {} }));
}

const BURST = Math.max(1, Math.floor(Q / 10));
const items = await generateItems();
const serverModule = new URL("./core-dispatch-server.ts", import.meta.url).href;
const tsxApi = import.meta.resolve("tsx/esm/api");
// A worker does not inherit tsx's loader: register it there before importing the TypeScript server.
const server = new Worker(
  `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(serverModule)}); });`,
  { eval: true, workerData: { ratePerSecond: Q, burst: BURST } },
);
const [{ url }] = (await once(server, "message")) as [{ url: string }];
const stats = async (): Promise<PaiServerStats> => {
  server.postMessage("stats");
  const [{ stats: value }] = (await once(server, "message")) as [{ stats: PaiServerStats }];
  return value;
};
const client = createPaiClient({ endpoint: url, env: {} });
try {
  const started = performance.now();
  const results = await dispatch({ client, items, concurrency: CONCURRENCY, ratePerSecond: Q });
  const seconds = (performance.now() - started) / 1000;
  const first = await stats();
  const again = await dispatch({ client, items, concurrency: CONCURRENCY, ratePerSecond: Q });
  const second = await stats();
  const bound = BUILDS / Q;
  const submitted = results.filter((r) => r.status === "submitted").length;
  const failed = results.filter((r) => r.status === "failed");
  console.log(
    `builds: ${BUILDS}, server limit Q = ${Q}/s (burst ${BURST}), concurrency ${CONCURRENCY}`,
  );
  console.log(`dispatch: ${seconds.toFixed(2)} s, bound 1000/Q = ${bound.toFixed(2)} s`);
  console.log(
    `first run: ${submitted} submitted, ${failed.length} failed${failed[0]?.status === "failed" ? ` (${failed[0].error.code})` : ""}; server: ${first.builds} builds from ${first.createCalls} calls, ${first.throttled} throttled`,
  );
  console.log(
    `second run of the same items: ${again.filter((r) => r.status === "submitted").length} submitted; server: ${second.builds} builds in total, ${second.replays} replays`,
  );
  console.log(`ratio dispatch/bound: ${(seconds / bound).toFixed(3)} (goal <= 1.1)`);
  // One build per spec in total: the second run only replays, or completes what the first could not submit.
  if (second.builds !== BUILDS || first.builds !== submitted) {
    console.error(`FAILED: ${second.builds} builds for ${BUILDS} specs`);
    process.exitCode = 1;
  }
} finally {
  await client.close();
  server.postMessage("close");
  await once(server, "exit");
}
