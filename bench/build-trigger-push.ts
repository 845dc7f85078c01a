/**
 * The handler's own time for a GitHub push touching 20 specs, with the PAI API's latency excluded (an
 * in-process client that answers at once) and the spec source a local node:http server speaking the
 * GitHub contents API from memory. Baseline, same run: a bare handler that only parses and verifies
 * the event. Prints per-push medians and the ratio.
 *
 *   npx tsx bench/build-trigger-push.ts [pushes]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createHandler, createLogger, loadConfig, recognizeEvent } from "@imagebuild/build-trigger";
import { DEFAULTS_YAML, specYaml } from "@imagebuild/test-support";
import { readDelivery } from "../functions/build-trigger/src/webhooks/read-delivery.ts";
import { signedPushEvents } from "./build-trigger-push-event.ts";

const PUSHES = Number(process.argv[2] ?? 50);
const SPEC_COUNT = 20;
const SECRET = "bench-secret";
const SHA = "a".repeat(40);

const files: Record<string, string> = { "specs/_defaults.yaml": DEFAULTS_YAML };
const specPaths = Array.from({ length: SPEC_COUNT }, (_, i) => `specs/tool-${i}/1.0.0.yaml`);
for (const [i, file] of specPaths.entries()) files[file] = specYaml({ name: `bench-${i}` });

const github = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname.includes("/git/trees/")) {
    response.writeHead(200, { "content-type": "application/json" });
    return response.end(
      JSON.stringify({ tree: Object.keys(files).map((path) => ({ path, type: "blob" })) }),
    );
  }
  const file = decodeURIComponent(url.pathname.replace(/^\/repos\/acme\/images\/contents\//, ""));
  const text = files[file];
  response.writeHead(text === undefined ? 404 : 200).end(text ?? "");
});
await new Promise<void>((resolve) => github.listen(0, "127.0.0.1", resolve));
const host = `127.0.0.1:${(github.address() as AddressInfo).port}`;

const env = {
  IMAGEBUILD_ENV: "local",
  IMAGEBUILD_ALLOWED_REPOSITORIES: "acme/images",
  IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: SECRET,
  IMAGEBUILD_GITHUB_API_URL: `http://${host}`,
  IMAGEBUILD_ALLOWED_SOURCE_HOSTS: host,
  IMAGEBUILD_CONCURRENCY: "20",
  IMAGEBUILD_RATE_PER_SECOND: "1000",
  // The bench measures intake plus dispatch; following is bench/build-trigger-intake.ts's neighbour.
  IMAGEBUILD_FOLLOW_LIMIT_SECONDS: "0",
};
let created = 0;
const client = {
  createImageBuild: async () => ({
    ImageBuildId: `build-${++created}`,
    ImageBuildJobId: `dlc-${created}`,
  }),
  listImages: async () => ({ TotalCount: 0, Images: [] }),
};
const quiet = createLogger({ write: () => {} });

const { event } = signedPushEvents({ specPaths, sha: SHA, secret: SECRET });

const config = loadConfig(env);
const bare = (raw: Buffer) => {
  const recognized = recognizeEvent(raw);
  if (recognized.source !== "http") throw new Error("not http");
  return readDelivery({ event: recognized.event, config });
};

// The job records run in-process and are awaited, so a push's time covers intake and dispatch.
let dispatched = 0;
const full = createHandler({
  env,
  log: quiet,
  clientFor: () => client,
  invokerFor: () => ({
    async enqueue(record) {
      const answer = (await full(Buffer.from(JSON.stringify(record)))) as { results?: unknown[] };
      dispatched += answer.results?.length ?? 0;
      return { duplicate: false };
    },
  }),
});
// Warm both paths once (module loading and zod schema building are init costs, measured by the init bench).
await full(event(-1));
bare(event(-2));

const fullTimes: number[] = [];
const bareTimes: number[] = [];
for (let i = 0; i < PUSHES; i++) {
  const raw = event(i);
  let t = performance.now();
  const before = dispatched;
  const response = (await full(raw)) as { statusCode: number; body: string };
  fullTimes.push(performance.now() - t);
  if (response.statusCode !== 202 || dispatched - before !== SPEC_COUNT)
    throw new Error(response.body);
  t = performance.now();
  bare(raw);
  bareTimes.push(performance.now() - t);
}
github.close();
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const fullMs = median(fullTimes);
const bareMs = median(bareTimes);
process.stdout.write(
  [
    `pushes: ${PUSHES}, ${SPEC_COUNT} specs each (${created} CreateImageBuild calls answered in-process)`,
    `median per push: full handler ${fullMs.toFixed(2)} ms (${(fullMs / SPEC_COUNT).toFixed(2)} ms per spec), parse+verify only ${bareMs.toFixed(3)} ms`,
    `ratio full / parse+verify baseline: ${(fullMs / bareMs).toFixed(1)}x`,
  ].join("\n") + "\n",
);
