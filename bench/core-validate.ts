/**
 * Validating 2,000 generated spec files: `@imagebuild/core` (layering, schema, request schema and every lint)
 * against `ajv-cli` validating the same files with the same bundled JSON Schema (schema only), in the same run.
 * Everything is measured as whole processes, process start included, wall and CPU time:
 * - core bundled: the worker bundled by esbuild first (untimed), `node bundle.mjs`: core without TypeScript
 *   compilation at start (the function bundles core too, but swaps the fast paths out for size);
 * - core via tsx: `node --import tsx <worker>`: how `npx imagebuild validate` runs (TypeScript compiled at start);
 * - baseline: `node ajv-cli validate --spec=draft2020 -s spec.schema.json -d "specs/**\/*.yaml"`.
 * Prints core/ajv-cli ratios (goal ≤ 1.0).
 *
 * Run: npx tsx bench/core-validate.ts [files=2000] [rounds=3]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { jsonSchemas } from "@imagebuild/schema";
import { writeFiles } from "@imagebuild/test-support";
import { build } from "esbuild";

const FILES = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 3);
const VERSIONS_PER_IMAGE = 10;
const require = createRequire(import.meta.url);
const AJV_CLI = require.resolve("ajv-cli/dist/index.js");
const WORKER = path.join(import.meta.dirname, "core-validate-worker.ts");

function generate(root: string): number {
  const write = (file: string, text: string) => writeFiles(root, { [file]: text });
  write(
    "specs/_defaults.yaml",
    `# yaml-language-server: $schema=spec.schema.json
apiVersion: imagebuild/v1
kind: Defaults
build:
  Accessibility: PRIVATE
  TargetRegistry:
    Type: AcrEnterprise
  Resource:
    EcsSpec: ecs.c6.large
environments:
  prod:
    registry: ml-registry-vpc.cn-hangzhou.cr.aliyuncs.com/platform
    build:
      WorkspaceId: "268451"
      RegionId: cn-hangzhou
      TargetRegistry:
        InstanceId: cri-ml01
`,
  );
  let written = 1;
  let versions = 0;
  for (let n = 0; versions < FILES; n += 1) {
    const image = `image-${String(n).padStart(4, "0")}`;
    if (n % 4 === 0) {
      write(
        `specs/${image}/_defaults.yaml`,
        `apiVersion: imagebuild/v1\nkind: Defaults\nbuild:\n  Image:\n    Labels:\n      - Key: team\n        Value: team-${n % 7}\n`,
      );
      written += 1;
    }
    for (let v = 0; v < VERSIONS_PER_IMAGE && versions < FILES; v += 1) {
      const version = `1.${n % 13}.${v}`;
      const build =
        (n + v) % 3 === 0
          ? `  BuildConfig:
    BuildType: PackageInstallation
    Packages:
      Base: debian:bookworm
      Apt: [python3, python3-numpy, curl, "ca-certificates=20230311"]
      Pip: ["requests==2.32.${v}", "pandas>=2.2", "pyyaml"]
`
          : `  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      # syntax=docker/dockerfile:1
      ARG BASE=debian:bookworm
      FROM \${BASE} AS build
      RUN apt-get update \\
       && apt-get install -y --no-install-recommends build-essential \\
       && rm -rf /var/lib/apt/lists/*
      COPY . /src
      RUN make -C /src
      FROM busybox:1.36
      COPY --from=build /src/out /opt/${image}
      ENV VERSION=${version}
      CMD ["/opt/${image}/run"]
    RegistryAuths:
      ml-registry-vpc.cn-hangzhou.cr.aliyuncs.com:
        secret: mirror-pull
`;
      write(
        `specs/${image}/${version}.yaml`,
        `# yaml-language-server: $schema=../../spec.schema.json
apiVersion: imagebuild/v1
kind: ImageBuild
description: ${image} version ${version}, generated for the benchmark
build:
  Image:
    Description: ${image} ${version}
${build}policy:
  tag: ${v % 2 === 0 ? "immutable" : "dated"}
${v % 5 === 0 ? '  schedule: "0 0 4 * * 1"\n' : ""}environments:
  prod:
    build:
      Resource:
        EcsSpec: ecs.c6.xlarge
`,
      );
      written += 1;
      versions += 1;
    }
  }
  return written;
}

/** Wall and CPU (user + system) time of a whole process, measured by GNU time around it. */
function timeProcess(
  command: string,
  args: string[],
): { ms: number; cpuMs: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "cpu %U %S", command, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(args[0] ?? command)} exited ${result.status}: ${(result.stderr || result.stdout).slice(0, 2000)}`,
    );
  }
  const [, user = "0", system = "0"] = /cpu ([0-9.]+) ([0-9.]+)\s*$/.exec(result.stderr) ?? [];
  return { ms, cpuMs: (Number(user) + Number(system)) * 1000, stdout: result.stdout };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const root = mkdtempSync(path.join(tmpdir(), "imagebuild-bench-validate-"));
try {
  const files = generate(root);
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
