/**
 * Start-up of the real `imagebuild` bin (packages/cli/bin/imagebuild.cjs, whole processes, its
 * bundle built beforehand as `npm install` does), against baselines measured in the same run,
 * rounds alternating:
 * - `imagebuild validate --env prod` on 2,000 generated spec files (schema, layering and every lint)
 *   against `ajv-cli validate` of the same files with the bundled JSON Schema (schema only), both
 *   started as `node <bin>` and both through `npx` (goal: at most 0.8x wall);
 * - `imagebuild --help` against `node -e 0`;
 * - for context, the same bin run from the sources through tsx (IMAGEBUILD_FROM_SOURCE=1).
 *
 * Run: npx tsx bench/cli-startup.ts [files=2000] [rounds=5]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { jsonSchemas } from "@imagebuild/schema";
import { buildBundle } from "../packages/cli/scripts/build-bundle.mjs";
import { generateSpecFiles, median, timeProcess } from "./core-validate-fixture.ts";

const FILES = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 5);
const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "packages/cli/bin/imagebuild.cjs");
const AJV_CLI = createRequire(import.meta.url).resolve("ajv-cli/dist/index.js");
/** The generated specs pull through a `mirror-pull` secret; bind it as a deployment would. */
const SECRET_HOSTS = JSON.stringify({
  MIRROR_PULL: ["ml-registry-vpc.cn-hangzhou.cr.aliyuncs.com"],
});

const NPX = ["--prefix", ROOT, "--no", "--"];

type Contestant = { command: string; args: string[]; env?: NodeJS.ProcessEnv; cwd?: string };

const work = mkdtempSync(path.join(tmpdir(), "imagebuild-bench-cli-startup-"));
try {
  const files = generateSpecFiles(work, FILES);
  const schemaFile = path.join(work, "spec.schema.json");
  writeFileSync(schemaFile, JSON.stringify(jsonSchemas.SpecSchema));
  await buildBundle();
  // One environment for every contestant: this shell's (a NODE_EXTRA_CA_CERTS costs every node
  // tens of ms at start, npm reads HOME's .npmrc), without imagebuild settings of its own.
  const env: NodeJS.ProcessEnv = { IMAGEBUILD_SECRET_HOSTS: SECRET_HOSTS };
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith("IMAGEBUILD_")) env[name] = value;
  const specs = path.join(work, "specs");
  const validate = ["validate", "--dir", specs, "--env", "prod"];
  const ajv = ["validate", "--spec=draft2020", "-s", schemaFile, "-d", `${specs}/**/*.yaml`];
  const contestants: Record<string, Contestant> = {
    "imagebuild validate": { command: process.execPath, args: [BIN, ...validate], env, cwd: work },
    "ajv-cli validate": { command: process.execPath, args: [AJV_CLI, ...ajv], env, cwd: work },
    // npx with this repository as its prefix, where both are installed (--no: never a download),
    // started in the same folder as the direct runs: from the repository root, imagebuild would
    // also read this repository's imagebuild.config.yaml, which is no part of the fixture.
    "npx imagebuild validate": {
      command: "npx",
      args: [...NPX, "imagebuild", ...validate],
      env,
      cwd: work,
    },
    "npx ajv validate": { command: "npx", args: [...NPX, "ajv", ...ajv], env, cwd: work },
    "imagebuild --help": { command: process.execPath, args: [BIN, "--help"], env },
    "node -e 0": { command: process.execPath, args: ["-e", "0"], env },
    "tsx validate": {
      command: process.execPath,
      args: [BIN, ...validate],
      env: { ...env, IMAGEBUILD_FROM_SOURCE: "1" },
      cwd: work,
    },
    "tsx --help": {
      command: process.execPath,
      args: [BIN, "--help"],
      env: { ...env, IMAGEBUILD_FROM_SOURCE: "1" },
    },
  };
  const wall = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  let checked = "";
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, { command, args, ...options }] of Object.entries(contestants)) {
      const run = timeProcess(command, args, options);
      wall.set(name, [...(wall.get(name) ?? []), run.ms]);
      cpu.set(name, [...(cpu.get(name) ?? []), run.cpuMs]);
      if (name === "imagebuild validate") checked = run.stdout.trim().split("\n").at(-1) ?? "";
    }
  }
  console.log(
    `files: ${files} YAML files (${FILES} versions + defaults; imagebuild: ${checked}), rounds: ${ROUNDS}, whole processes, medians`,
  );
  for (const name of Object.keys(contestants))
    console.log(
      `${name.padEnd(24)} wall ${median(wall.get(name) ?? [])
        .toFixed(0)
        .padStart(6)} ms  cpu ${median(cpu.get(name) ?? [])
        .toFixed(0)
        .padStart(6)} ms`,
    );
  const ratio = (a: string, b: string, goal: string) => {
    const w = median(wall.get(a) ?? []) / median(wall.get(b) ?? []);
    const c = median(cpu.get(a) ?? []) / median(cpu.get(b) ?? []);
    console.log(`ratio ${a} / ${b}: wall ${w.toFixed(2)}x, cpu ${c.toFixed(2)}x${goal}`);
  };
  ratio("imagebuild validate", "ajv-cli validate", " (goal <= 0.8x wall)");
  ratio("npx imagebuild validate", "npx ajv validate", " (goal <= 0.8x wall)");
  ratio("imagebuild --help", "node -e 0", "");
  ratio("tsx validate", "ajv-cli validate", " (the sources through tsx, for context)");
  ratio("tsx --help", "node -e 0", " (the sources through tsx, for context)");
} finally {
  rmSync(work, { recursive: true, force: true });
}
