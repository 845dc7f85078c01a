/** Spec texts the tests and benchmarks build repositories from: defaults, a valid spec, a broken one, a sample tree. */

/** Where local builds push, as in the repository's specs/. */
export const LOCAL_REGISTRY = "127.0.0.1:5000/pai";

/**
 * A `specs/_defaults.yaml` whose `local` environment pushes to `registry` in workspace `local`.
 *
 * @example
 * defaultsYaml({ registry: `${registry.host}/pai` });
 */
export function defaultsYaml({ registry = LOCAL_REGISTRY }: { registry?: string } = {}): string {
  return `# yaml-language-server: $schema=../packages/schema/schemas/spec.schema.json
apiVersion: imagebuild/v1
kind: Defaults
build:
  Accessibility: PRIVATE
  TargetRegistry:
    Type: AcrEnterprise
  Resource:
    EcsSpec: ecs.c6.large
policy:
  tag: immutable
environments:
  local:
    registry: ${registry}
    build:
      WorkspaceId: local
`;
}

/** `defaultsYaml()` with the local registry. */
export const DEFAULTS_YAML = defaultsYaml();

/**
 * A valid busybox spec; `schedule` adds a dated rebuild policy.
 *
 * @example
 * specYaml({ name: "nightly", schedule: "0 0 4 * * *" });
 */
export function specYaml({ name, schedule }: { name: string; schedule?: string }): string {
  const policy = schedule ? `policy:\n  schedule: "${schedule}"\n  tag: dated\n` : "";
  return `# yaml-language-server: $schema=../../packages/schema/schemas/spec.schema.json
apiVersion: imagebuild/v1
kind: ImageBuild
description: test image ${name}
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.36
      RUN echo ${name} > /name
${policy}`;
}

/** A spec that fails validation: BuildType is not an allowed value. */
export const BAD_SPEC_YAML = `apiVersion: imagebuild/v1
kind: ImageBuild
description: broken
build:
  BuildConfig:
    BuildType: Magic
    Dockerfile: |
      FROM busybox:1.36
`;

const SCHEMA_LINE =
  "# yaml-language-server: $schema=../../packages/schema/schemas/spec.schema.json\n";

// Images opt in to local builds with their own overlay, as in the repository's specs/.
const LOCAL_OVERLAY = `environments:
  local:
    registry: ${LOCAL_REGISTRY}
    build:
      WorkspaceId: local
`;

/**
 * A small tree with cloud (`prod`) defaults: a succeeding spec, one whose build fails (start the PAI
 * server with `failingImageNames: ["busybox-fail"]`), one with a registry credential and one without
 * a local overlay (so `--env local` leaves it out).
 *
 * @example
 * const repo = createSpecRepo({ files: SAMPLE_SPECS });
 */
export const SAMPLE_SPECS: Readonly<Record<string, string>> = {
  "specs/_defaults.yaml": `apiVersion: imagebuild/v1
kind: Defaults
build:
  Accessibility: PRIVATE
  TargetRegistry:
    Type: AcrEnterprise
  Resource:
    EcsSpec: ecs.c6.large
policy:
  tag: immutable
environments:
  prod:
    registry: registry-vpc.cn-hangzhou.example.com/ml
    build:
      WorkspaceId: "12345"
      TargetRegistry:
        Type: AcrEnterprise
        InstanceId: cri-example
`,
  "specs/busybox-hello/1.0.0.yaml": `${SCHEMA_LINE}apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.36
      RUN echo hello > /etc/motd
${LOCAL_OVERLAY}`,
  "specs/busybox-fail/1.0.0.yaml": `${SCHEMA_LINE}apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.36
      RUN exit 1
${LOCAL_OVERLAY}`,
  "specs/private-base/2.0.yaml": `${SCHEMA_LINE}apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM registry.example.com/team/base:3.1
    RegistryAuths:
      registry.example.com:
        secret: private-registry
${LOCAL_OVERLAY}`,
  "specs/cloud-only/1.0.0.yaml": `${SCHEMA_LINE}apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.36
`,
};

/**
 * The `IMAGEBUILD_SECRET_HOSTS` binding `SAMPLE_SPECS` need: `private-base`'s secret to its registry.
 *
 * @example
 * runCli(["build", "specs/private-base"], { env: { IMAGEBUILD_SECRET_HOSTS: JSON.stringify(SAMPLE_SECRET_HOSTS) } });
 */
export const SAMPLE_SECRET_HOSTS: Readonly<Record<string, readonly string[]>> = {
  PRIVATE_REGISTRY: ["registry.example.com"],
};
