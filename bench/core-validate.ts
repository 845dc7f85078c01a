/**
 * Validating 2,000 generated spec files: `@imagebuild/core` (layering, schema, request schema and every lint)
 * against `ajv-cli` validating the same files with the same bundled JSON Schema (schema only), in the same run.
 * Everything is measured as whole processes, process start included, wall and CPU time:
 * - core bundled: the worker bundled by esbuild first (untimed), `node bundle.mjs`: core without TypeScript
 *   compilation at start (the function bundles core too, but swaps the fast paths out for size);
 * - core via tsx: `node --import tsx <worker>`: TypeScript compiled at start, as the bin does without its bundle
 *   (the bin itself is measured by bench/cli-startup.ts);
 * - baseline: `node ajv-cli validate --spec=draft2020 -s spec.schema.json -d "specs/**\/*.yaml"`.
 * Prints core/ajv-cli ratios (goal ≤ 1.0).
 *
 * Run: npx tsx bench/core-validate.ts [files=2000] [rounds=3]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { jsonSchemas } from "@imagebuild/schema";
import { build } from "esbuild";
import { generateSpecFiles, median, timeProcess } from "./core-validate-fixture.ts";

const FILES = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 3);
const require = createRequire(import.meta.url);
const AJV_CLI = require.resolve("ajv-cli/dist/index.js");
const WORKER = path.join(import.meta.dirname, "core-validate-worker.ts");

const root = mkdtempSync(path.join(tmpdir(), "imagebuild-bench-validate-"));
try {
  const files = generateSpecFiles(root, FILES);
  const schemaFile = path.join(root, "spec.schema.json");
  writeFileSync(schemaFile, JSON.stringify(jsonSchemas.SpecSchema));
  const bundle = path.join(root, "core-validate-worker.mjs");
  await build({
    entryPoints: [WORKER],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: bundle,
    // CommonJS dependencies (ajv) call require for Node built-ins.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: "warning",
  });
  const contestants = {
    "core bundled": [bundle, root, "prod"],
    "core via tsx": ["--import", "tsx", WORKER, root, "prod"],
    "ajv-cli": [
      AJV_CLI,
      "validate",
      "--spec=draft2020",
      "-s",
      schemaFile,
      "-d",
      `${root}/specs/**/*.yaml`,
    ],
  } as const;
  const wall = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  const outputs = new Map<string, string>();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, args] of Object.entries(contestants)) {
      const run = timeProcess(process.execPath, [...args]);
      wall.set(name, [...(wall.get(name) ?? []), run.ms]);
      cpu.set(name, [...(cpu.get(name) ?? []), run.cpuMs]);
      const valid = run.stdout.split("\n").filter((line) => line.endsWith(" valid")).length;
      outputs.set(name, name === "ajv-cli" ? `${valid} files valid` : run.stdout.trim());
    }
  }
  console.log(
    `files: ${files} YAML files (${FILES} versions + defaults), rounds: ${ROUNDS}, whole processes (start included), medians`,
  );
  const ajvWall = median(wall.get("ajv-cli") ?? []);
  const ajvCpu = median(cpu.get("ajv-cli") ?? []);
  for (const name of Object.keys(contestants)) {
    const w = median(wall.get(name) ?? []);
    const c = median(cpu.get(name) ?? []);
    console.log(
      `${name.padEnd(13)} wall ${w.toFixed(0).padStart(6)} ms  cpu ${c.toFixed(0).padStart(6)} ms  ${outputs.get(name)}`,
    );
  }
  for (const name of ["core bundled", "core via tsx"]) {
    const w = median(wall.get(name) ?? []) / ajvWall;
    const c = median(cpu.get(name) ?? []) / ajvCpu;
    console.log(
      `ratio ${name}/ajv-cli: wall ${w.toFixed(2)}, cpu ${c.toFixed(2)} (goal <= 1.0; cpu = user + system, steadier on a busy machine)`,
    );
  }
} finally {
  // BENCH_KEEP=1 keeps the generated files for profiling.
  if (process.env.BENCH_KEEP === "1") console.log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
