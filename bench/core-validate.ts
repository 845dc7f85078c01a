/**
 * Validating 2,000 generated spec files: `@imagebuild/core` (layering, schema, request schema and every lint)
 * against `ajv-cli` validating the same files with the same bundled JSON Schema (schema only), in the same run.
 * Both are measured as whole processes, process start included: `node --import tsx <worker>` for core (how
 * `npx imagebuild validate` runs) and `node ajv-cli validate` for the baseline. Prints core/ajv (goal ≤ 1.0).
 *
 * Run: npx tsx bench/core-validate.ts [files=2000] [rounds=3]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { jsonSchemas } from "@imagebuild/schema";

const FILES = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 3);
const VERSIONS_PER_IMAGE = 10;
const require = createRequire(import.meta.url);
const AJV_CLI = require.resolve("ajv-cli/dist/index.js");
const WORKER = path.join(import.meta.dirname, "core-validate-worker.ts");

function generate(root: string): number {
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
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
  const core: number[] = [];
  const ajv: number[] = [];
  const coreCpu: number[] = [];
  const ajvCpu: number[] = [];
  let coreOutput = "";
  let ajvValid = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const c = timeProcess(process.execPath, ["--import", "tsx", WORKER, root, "prod"]);
    core.push(c.ms);
    coreCpu.push(c.cpuMs);
    coreOutput = c.stdout.trim();
    const a = timeProcess(process.execPath, [
      AJV_CLI,
      "validate",
      "--spec=draft2020",
      "-s",
      schemaFile,
      "-d",
      `${root}/specs/**/*.yaml`,
    ]);
    ajv.push(a.ms);
    ajvCpu.push(a.cpuMs);
    ajvValid = a.stdout.split("\n").filter((line) => line.endsWith(" valid")).length;
  }
  const [coreMs, ajvMs, coreCpuMs, ajvCpuMs] = [core, ajv, coreCpu, ajvCpu].map(median) as number[];
  console.log(
    `files: ${files} YAML files (${FILES} versions + defaults), rounds: ${ROUNDS}, whole processes (start included), medians`,
  );
  console.log(
    `core (layering + schema + request + lints): wall ${coreMs.toFixed(0)} ms, cpu ${coreCpuMs.toFixed(0)} ms  ${coreOutput}`,
  );
  console.log(
    `ajv-cli (schema only):                       wall ${ajvMs.toFixed(0)} ms, cpu ${ajvCpuMs.toFixed(0)} ms  ${ajvValid} files valid`,
  );
  console.log(`ratio core/ajv-cli, wall: ${(coreMs / ajvMs).toFixed(2)} (goal <= 1.0)`);
  console.log(
    `ratio core/ajv-cli, cpu:  ${(coreCpuMs / ajvCpuMs).toFixed(2)} (user + system; steadier on a busy machine)`,
  );
} finally {
  // BENCH_KEEP=1 keeps the generated files for profiling.
  if (process.env.BENCH_KEEP === "1") console.log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
