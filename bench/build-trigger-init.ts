/**
 * Cold-start cost of the build-trigger bundle against the official Alibaba Cloud SDK stack, measured in
 * fresh Node processes in the same run, alternating, median of each; prints the ratio (goal ≤ 0.5x)
 * and the bundle size (goal ≤ 500 KB).
 *
 *   npx tsx bench/build-trigger-init.ts [runs]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.argv[2] ?? 21);
const BUNDLE = path.join(mkdtempSync(path.join(tmpdir(), "bench-bundle-")), "index.mjs");

execFileSync(
  process.execPath,
  ["--import", "tsx", "functions/build-trigger/scripts/bundle.ts", "--outfile", BUNDLE],
  { cwd: ROOT, stdio: "inherit" },
);

const HEALTHZ = JSON.stringify({
  version: "v1",
  rawPath: "/healthz",
  headers: {},
  requestContext: { requestId: "bench", http: { method: "GET", path: "/healthz" } },
});

/** Each probe prints the milliseconds from before its first import to the end of its work. */
const PROBES = {
  bundleImport: `const t=performance.now();await import(${JSON.stringify(BUNDLE)});console.log(performance.now()-t);`,
  bundleFirstEvent: `const t=performance.now();const m=await import(${JSON.stringify(BUNDLE)});await m.handler(Buffer.from(${JSON.stringify(HEALTHZ)}),{});console.log(performance.now()-t);`,
  officialSdk: `const t=performance.now();await import("@alicloud/openapi-client");await import("@alicloud/credentials");await import("@alicloud/tea-util");console.log(performance.now()-t);`,
};

function run(source: string): number {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", source], {
    cwd: ROOT,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "" },
  });
  return Number(out.trim().split("\n").pop());
}

const samples: Record<keyof typeof PROBES, number[]> = {
  bundleImport: [],
  bundleFirstEvent: [],
  officialSdk: [],
};
for (let i = 0; i < RUNS; i++) {
  // Alternate the order so neither side always runs on a warmer file cache.
  const order = (
    i % 2 === 0
      ? ["bundleImport", "bundleFirstEvent", "officialSdk"]
      : ["officialSdk", "bundleFirstEvent", "bundleImport"]
  ) as (keyof typeof PROBES)[];
  for (const name of order) samples[name].push(run(PROBES[name]));
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const sdk = median(samples.officialSdk);
const size = statSync(BUNDLE).size;
process.stdout.write(
  [
    `runs: ${RUNS} fresh processes per probe, alternating`,
    `bundle size: ${(size / 1024).toFixed(1)} KiB (goal ≤ 500 KB: ${size <= 500 * 1000 ? "met" : "missed"})`,
    `median ms — bundle import ${median(samples.bundleImport).toFixed(1)}, bundle import + first event ${median(samples.bundleFirstEvent).toFixed(1)}, official SDK import ${sdk.toFixed(1)}`,
    `ratio bundle import / official SDK import: ${(median(samples.bundleImport) / sdk).toFixed(2)}x (goal ≤ 0.5x)`,
    `ratio bundle import + first /healthz event / official SDK import: ${(median(samples.bundleFirstEvent) / sdk).toFixed(2)}x`,
  ].join("\n") + "\n",
);
