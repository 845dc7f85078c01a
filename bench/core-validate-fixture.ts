/** The validate benchmarks' fixture (not a bench): generated spec files, and whole-process timing. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { writeFiles } from "@imagebuild/test-support";

const VERSIONS_PER_IMAGE = 10;

/**
 * Writes `versionCount` spec versions under `<root>/specs` (ten per image, a `_defaults.yaml` for
 * every fourth image, Dockerfile and package-list builds, both tag policies, some schedules) and
 * returns how many YAML files it wrote.
 *
 * @example
 * const files = generateSpecFiles(root, 2000); // 2,051
 */
export function generateSpecFiles(root: string, versionCount: number): number {
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
  for (let n = 0; versions < versionCount; n += 1) {
    const image = `image-${String(n).padStart(4, "0")}`;
    if (n % 4 === 0) {
      write(
        `specs/${image}/_defaults.yaml`,
        `apiVersion: imagebuild/v1\nkind: Defaults\nbuild:\n  Image:\n    Labels:\n      - Key: team\n        Value: team-${n % 7}\n`,
      );
      written += 1;
    }
    for (let v = 0; v < VERSIONS_PER_IMAGE && versions < versionCount; v += 1) {
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

/**
 * Wall and CPU (user + system) time of a whole process, measured by GNU time around it; throws
 * when it exits non-zero.
 *
 * @example
 * const { ms, cpuMs } = timeProcess(process.execPath, ["-e", "0"]);
 */
export function timeProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { ms: number; cpuMs: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "cpu %U %S", command, ...args], {
    ...options,
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

/**
 * The middle value (the upper one of an even count).
 *
 * @example
 * median([3, 1, 2]) // 2
 */
export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
