/**
 * Intake latency: how long the HTTP trigger takes to answer 202 for a GitHub push touching 100 specs,
 * now that it only verifies and hands job records to FC's InvokeFunction (Async). The FC API is a
 * node:http server on port 0 answering 202 as FC does (real HTTP; records are counted and dropped;
 * build-trigger may not import local-cloud's FC host), the handler runs in-process. Baseline, same run: parse and verify only
 * (recognizeEvent + readDelivery on the same event). Prints p50 and p99 of both and their ratios.
 *
 *   npx tsx bench/build-trigger-intake.ts [pushes]
 */
import { createHandler, createLogger, loadConfig, recognizeEvent } from "@imagebuild/build-trigger";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readDelivery } from "../functions/build-trigger/src/webhooks/read-delivery.ts";
import { signedPushEvents } from "./build-trigger-push-event.ts";

const PUSHES = Number(process.argv[2] ?? 200);
const SPEC_COUNT = 100;
const SECRET = "bench-secret";
const SHA = "b".repeat(40);
const FUNCTION_NAME = "imagebuild-build-trigger";

let records = 0;
const fc = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    if (request.headers["x-fc-invocation-type"] === "Async") records += 1;
    response.writeHead(202, { "x-fc-request-id": String(records) }).end();
  });
});
await new Promise<void>((resolve) => fc.listen(0, "127.0.0.1", resolve));
const fcUrl = `http://127.0.0.1:${(fc.address() as AddressInfo).port}`;
const env = {
  IMAGEBUILD_ALLOWED_REPOSITORIES: "acme/images",
  IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: SECRET,
  IMAGEBUILD_FC_ENDPOINT: fcUrl,
  FC_FUNCTION_NAME: FUNCTION_NAME,
};
const specPaths = Array.from({ length: SPEC_COUNT }, (_, i) => `specs/tool-${i}/1.0.0.yaml`);
const { event } = signedPushEvents({ specPaths, sha: SHA, secret: SECRET });

const config = loadConfig(env);
const bare = (raw: Buffer) => {
  const recognized = recognizeEvent(raw);
  if (recognized.source !== "http") throw new Error("not http");
  return readDelivery({ event: recognized.event, config });
};
const handler = createHandler({ env, log: createLogger({ write: () => {} }) });
// Warm both paths (module loading, schema building and the first connection are init costs).
await handler(event(-1), { requestId: "warm" });
bare(event(-2));

const intake: number[] = [];
const baseline: number[] = [];
for (let i = 0; i < PUSHES; i++) {
  const raw = event(i);
  let t = performance.now();
  const response = (await handler(raw, { requestId: `r${i}` })) as {
    statusCode: number;
    body: string;
  };
  intake.push(performance.now() - t);
  if (response.statusCode !== 202 || !response.body.includes('"records":4'))
    throw new Error(response.body);
  t = performance.now();
  bare(raw);
  baseline.push(performance.now() - t);
}
fc.close();
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ??
  Number.NaN;
const [i50, i99, b50, b99] = [
  percentile(intake, 0.5),
  percentile(intake, 0.99),
  percentile(baseline, 0.5),
  percentile(baseline, 0.99),
];
process.stdout.write(
  [
    `pushes: ${PUSHES}, ${SPEC_COUNT} specs each, ${records - 4} job records enqueued over HTTP (4 per push)`,
    `202 latency: p50 ${i50.toFixed(2)} ms, p99 ${i99.toFixed(2)} ms (goal: under 1000 ms)`,
    `parse+verify baseline: p50 ${b50.toFixed(3)} ms, p99 ${b99.toFixed(3)} ms`,
    `ratio intake / baseline: p50 ${(i50 / b50).toFixed(1)}x, p99 ${(i99 / b99).toFixed(1)}x`,
  ].join("\n") + "\n",
);
