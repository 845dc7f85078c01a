/** Resolves one version file: layers its defaults and overlay, builds the request, and runs the per-spec lints. */
import { Cron } from "croner";
import type { CreateImageBuildRequest, Spec, SpecPackages } from "@imagebuild/schema";
import { canonicalJson } from "@imagebuild/pai-client/canonical-json";
import { checkFromPinning, pinningProblem } from "./check-from-pinning.ts";
import { checkPathNameTag } from "./check-path-name-tag.ts";
import { checkSchema } from "./fast-check-schema.ts";
import type { CheckedFile } from "./check-spec-file.ts";
import { findCredentialsInDockerfile } from "./find-literal-credentials.ts";
import { isPlainObject, mergeLayers, valueAtPath } from "./merge-layers.ts";
import { parseDockerfile } from "./parse-dockerfile.ts";
import { locate, type ParsedYaml, positionInString } from "./parsed-yaml.ts";
import { renderPackagesDockerfile } from "./render-packages-dockerfile.ts";
import type { CredentialRef, Problem, ResolvedSpec, TagPolicy } from "./types.ts";

/** Cron patterns already checked (most specs share a handful), to their error or undefined. */
const CRON_CHECKS = new Map<string, string | undefined>();

const COPIED_BUILD_FIELDS = [
  "Accessibility",
  "WorkspaceId",
  "Resource",
  "UserVpc",
  "TargetRegistry",
  "RegionId",
  "ImageBuildJobName",
] as const;

interface Layer {
  parsed: ParsedYaml;
  /** Where the merged root lives inside this file: [] or ["environments", env]. */
  prefix: string[];
}

/**
 * Resolves a version file given its checked defaults (root first) and itself.
 *
 * @example
 * const { spec, problems } = await resolveSpec({ file, imageName, version, defaults, self, env, readSidecar });
 */
export async function resolveSpec({
  file,
  imageName,
  version,
  defaults,
  self,
  env,
  readSidecar,
}: {
  file: string;
  imageName: string;
  version: string;
  defaults: CheckedFile[];
  self: CheckedFile;
  env: string | undefined;
  readSidecar: (name: string) => Promise<string | undefined>;
}): Promise<{ spec: ResolvedSpec | undefined; problems: Problem[]; notInEnv?: boolean }> {
  const problems: Problem[] = [];
  const files = [...defaults, self];
  const layers: Layer[] = files.map((checked) => ({ parsed: checked.parsed, prefix: [] }));
  let merged: Record<string, unknown> = {};
  for (const checked of files)
    merged = mergeLayers(merged, checked.parsed.value) as Record<string, unknown>;
  const environments = isPlainObject(merged.environments) ? merged.environments : {};
  if (env !== undefined) {
    // A spec is built in an environment only if one of its layers defines it (see the README).
    if (!(env in environments)) return { spec: undefined, problems, notInEnv: true };
    for (const checked of files) {
      if (valueAtPath(checked.parsed.value, ["environments", env]) !== undefined) {
        layers.push({ parsed: checked.parsed, prefix: ["environments", env] });
      }
    }
    merged = mergeLayers(merged, environments[env]) as Record<string, unknown>;
  }
  const spec = merged as unknown as Spec;
  const origin = (path: string[]) => originOf(layers, path, self.parsed);
  const problemAt = (
    ruleId: string,
    path: string[],
    message: string,
    severity: Problem["severity"] = "error",
  ): Problem => {
    const where = origin(path);
    const note = where.file === file ? "" : ` (for ${file})`;
    return {
      ruleId,
      severity,
      file: where.file,
      line: where.line,
      column: where.column,
      message: message + note,
    };
  };

  const build = spec.build ?? {};
  const buildConfig = build.BuildConfig ?? {};
  const buildType =
    buildConfig.BuildType ?? (buildConfig.Packages ? "PackageInstallation" : "CustomDockerfile");
  const configPath = ["build", "BuildConfig"];
  let dockerfile: string | undefined;
  let dockerfileOrigin: { parsed: ParsedYaml; path: string[] } | { sidecar: string } | undefined;
  let sidecarText: string | undefined;
  if (buildType === "CustomDockerfile") {
    if (buildConfig.Packages)
      problems.push(
        problemAt(
          "build-config",
          [...configPath, "Packages"],
          "BuildConfig.Packages: only for BuildType PackageInstallation",
        ),
      );
    if (buildConfig.Dockerfile !== undefined && buildConfig.DockerfileFile !== undefined) {
      problems.push(
        problemAt(
          "build-config",
          [...configPath, "DockerfileFile"],
          "BuildConfig: give Dockerfile or DockerfileFile, not both",
        ),
      );
    } else if (buildConfig.DockerfileFile !== undefined) {
      const sidecar = `${file.slice(0, file.lastIndexOf("/"))}/${buildConfig.DockerfileFile}`;
      sidecarText = await readSidecar(sidecar);
      if (sidecarText === undefined) {
        problems.push(
          problemAt(
            "build-config",
            [...configPath, "DockerfileFile"],
            `BuildConfig.DockerfileFile: ${sidecar} does not exist`,
          ),
        );
      } else {
        dockerfile = sidecarText;
        dockerfileOrigin = { sidecar };
      }
    } else if (buildConfig.Dockerfile !== undefined) {
      dockerfile = buildConfig.Dockerfile;
      const owner = [...layers]
        .reverse()
        .find(
          (l) =>
            valueAtPath(l.parsed.value, [...l.prefix, ...configPath, "Dockerfile"]) !== undefined,
        );
      if (owner)
        dockerfileOrigin = {
          parsed: owner.parsed,
          path: [...owner.prefix, ...configPath, "Dockerfile"],
        };
    } else {
      problems.push(
        problemAt(
          "build-config",
          configPath,
          "BuildConfig: CustomDockerfile needs Dockerfile (inline) or DockerfileFile (a file beside the spec)",
        ),
      );
    }
  } else {
    if (buildConfig.Dockerfile !== undefined || buildConfig.DockerfileFile !== undefined) {
      problems.push(
        problemAt(
          "build-config",
          [...configPath, buildConfig.Dockerfile !== undefined ? "Dockerfile" : "DockerfileFile"],
          "BuildConfig: PackageInstallation renders its Dockerfile from Packages; remove Dockerfile/DockerfileFile",
        ),
      );
    } else if (!buildConfig.Packages) {
      problems.push(
        problemAt(
          "build-config",
          configPath,
          "BuildConfig.Packages: PackageInstallation needs Packages with at least Base",
        ),
      );
    } else {
      const packages = buildConfig.Packages as SpecPackages;
      dockerfile = renderPackagesDockerfile(packages);
      const pin = pinningProblem(packages.Base);
      if (pin)
        problems.push(
          problemAt(
            pin.ruleId,
            [...configPath, "Packages", "Base"],
            pin.message.replace(/^FROM /, "Packages.Base "),
          ),
        );
    }
  }

  if (dockerfile !== undefined && dockerfileOrigin !== undefined) {
    const parsedDockerfile = parseDockerfile(dockerfile);
    const place = (line: number, column: number) => {
      if ("sidecar" in dockerfileOrigin) return { file: dockerfileOrigin.sidecar, line, column };
      return {
        file: dockerfileOrigin.parsed.file,
        ...positionInString(dockerfileOrigin.parsed, dockerfileOrigin.path, line, column),
      };
    };
    for (const issue of parsedDockerfile.issues) {
      problems.push({
        ruleId: "dockerfile-parse",
        severity: "error",
        ...place(issue.line, issue.column),
        message: issue.message,
      });
    }
    for (const issue of checkFromPinning(parsedDockerfile.instructions)) {
      problems.push({
        ruleId: issue.ruleId,
        severity: issue.severity,
        ...place(issue.line, issue.column),
        message: issue.message,
      });
    }
    for (const finding of findCredentialsInDockerfile(parsedDockerfile.instructions)) {
      problems.push({
        ruleId: "no-literal-credentials",
        severity: "error",
        ...place(finding.line ?? 1, finding.column ?? 1),
        message: `${finding.what}: pass credentials as build secrets or RegistryAuths references, never in the Dockerfile`,
      });
    }
  }

  const policy: { schedule?: string; tag: TagPolicy } = { tag: spec.policy?.tag ?? "immutable" };
  if (spec.policy?.schedule !== undefined) {
    policy.schedule = spec.policy.schedule;
    const cronError = cronProblem(spec.policy.schedule);
    if (cronError !== undefined) {
      problems.push(
        problemAt("policy-schedule", ["policy", "schedule"], `policy.schedule: ${cronError}`),
      );
    }
  }

  const image = build.Image ?? {};
  const name = image.Name ?? imageName;
  const composedUri = image.Uri === undefined && spec.registry !== undefined;
  const uri =
    image.Uri ??
    (spec.registry !== undefined ? `${spec.registry}/${imageName}:${version}` : undefined);
  const request: Record<string, unknown> = {};
  for (const key of COPIED_BUILD_FIELDS) if (build[key] !== undefined) request[key] = build[key];
  if (policy.tag === "overwrite") request.OverwriteImageTag = true;
  request.BuildConfig = {
    BuildType: buildType,
    ...(dockerfile !== undefined ? { Dockerfile: dockerfile } : {}),
  };
  request.Image = {
    Name: name,
    ...(image.Description !== undefined ? { Description: image.Description } : {}),
    ...(uri !== undefined ? { Uri: uri } : {}),
    ...(image.Labels !== undefined ? { Labels: image.Labels } : {}),
  };

  problems.push(
    ...checkPathNameTag({ file, imageName, version, name, uri, composedUri, problemAt }),
  );

  const requestIssues = checkSchema("CreateImageBuildRequest", request);
  for (const issue of requestIssues) {
    if (issue.path.join(".") === "BuildConfig.Dockerfile" && dockerfile === undefined) continue;
    const field = issue.path.join(".") || "(request)";
    const specPath =
      issue.path[0] === "Image" && issue.path[1] === "Uri" && composedUri
        ? ["registry"]
        : ["build", ...issue.path];
    const known = Object.keys(environments);
    const hint =
      env !== undefined
        ? `set it in the spec, a _defaults.yaml or the ${env} overlay`
        : known.length > 0
          ? `set it in the spec or a _defaults.yaml, or choose an environment (${known.map((e) => `--env ${e}`).join(", ")})`
          : "set it in the spec or a _defaults.yaml";
    const missing = issue.code === "missing" ? `${issue.message}: ${hint}` : issue.message;
    problems.push(problemAt("request-schema", specPath, `${field}: ${missing}`));
  }

  const registryAuthRefs = (buildConfig.RegistryAuths ?? {}) as Record<string, CredentialRef>;
  if (problems.some((p) => p.severity === "error")) return { spec: undefined, problems };
  const resolved = {
    file,
    imageName,
    version,
    env,
    policy,
    request: request as unknown as CreateImageBuildRequest,
    registryAuthRefs,
    sourceText: self.parsed.text,
    ...(dockerfileOrigin && "sidecar" in dockerfileOrigin
      ? { dockerfileFile: dockerfileOrigin.sidecar }
      : {}),
  };
  // Only plans and the immutability lint need the key: compute it on first read.
  let contentKey: string | undefined;
  Object.defineProperty(resolved, "contentKey", {
    enumerable: true,
    get: () => {
      contentKey ??= canonicalJson({ spec: self.parsed.value, dockerfile: sidecarText });
      return contentKey;
    },
  });
  return { problems, spec: resolved as ResolvedSpec };
}

function cronProblem(pattern: string): string | undefined {
  if (!CRON_CHECKS.has(pattern)) {
    let message: string | undefined;
    try {
      new Cron(pattern, { paused: true, timezone: "UTC" }).stop();
    } catch (error) {
      message = (error as Error).message.replace(/^CronPattern: /, "");
    }
    CRON_CHECKS.set(pattern, message);
  }
  return CRON_CHECKS.get(pattern);
}

function originOf(
  layers: Layer[],
  path: string[],
  fallback: ParsedYaml,
): { file: string; line: number; column: number } {
  for (let length = path.length; length > 0; length -= 1) {
    const prefix = path.slice(0, length);
    for (let index = layers.length - 1; index >= 0; index -= 1) {
      const layer = layers[index] as Layer;
      const full = [...layer.prefix, ...prefix];
      if (valueAtPath(layer.parsed.value, full) === undefined) continue;
      const { line, column } = locate(layer.parsed, full, {
        at: length === path.length ? "value" : "key",
      });
      return { file: layer.parsed.file, line, column };
    }
  }
  return { file: fallback.file, line: 1, column: 1 };
}
