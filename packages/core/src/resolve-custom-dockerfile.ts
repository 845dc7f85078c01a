/** The CustomDockerfile build type: the Dockerfile inline (`Dockerfile`) or in a sidecar file (`DockerfileFile`). */
import type { SpecBuildConfig } from "@imagebuild/schema";
import type { SpecLayer } from "./layer-spec.ts";
import { valueAtPath } from "./merge-layers.ts";
import type { ProblemAt } from "./problem-locator.ts";
import type { DockerfileOrigin, ResolvedDockerfile } from "./resolved-dockerfile.ts";
import type { Problem } from "./types.ts";

const CONFIG_PATH = ["build", "BuildConfig"];

/**
 * Finds a CustomDockerfile's text; a sidecar file is read beside the spec `file`.
 *
 * @example
 * await resolveCustomDockerfile({ file: "specs/a/1.0.yaml", buildConfig: { DockerfileFile: "Dockerfile" }, layers, problemAt, readSidecar });
 * // { dockerfile: "FROM …", origin: { sidecar: "specs/a/Dockerfile" }, sidecarText: "FROM …", problems: [] }
 */
export async function resolveCustomDockerfile({
  file,
  buildConfig,
  layers,
  problemAt,
  readSidecar,
}: {
  file: string;
  buildConfig: SpecBuildConfig;
  layers: SpecLayer[];
  problemAt: ProblemAt;
  readSidecar: (name: string) => Promise<string | undefined>;
}): Promise<ResolvedDockerfile> {
  const problems: Problem[] = [];
  if (buildConfig.Packages)
    problems.push(
      problemAt(
        "build-config",
        [...CONFIG_PATH, "Packages"],
        "BuildConfig.Packages: only for BuildType PackageInstallation",
      ),
    );
  if (buildConfig.Dockerfile !== undefined && buildConfig.DockerfileFile !== undefined) {
    problems.push(
      problemAt(
        "build-config",
        [...CONFIG_PATH, "DockerfileFile"],
        "BuildConfig: give Dockerfile or DockerfileFile, not both",
      ),
    );
    return { problems };
  }
  if (buildConfig.DockerfileFile !== undefined) {
    const sidecar = `${file.slice(0, file.lastIndexOf("/"))}/${buildConfig.DockerfileFile}`;
    const sidecarText = await readSidecar(sidecar);
    if (sidecarText === undefined) {
      problems.push(
        problemAt(
          "build-config",
          [...CONFIG_PATH, "DockerfileFile"],
          `BuildConfig.DockerfileFile: ${sidecar} does not exist`,
        ),
      );
      return { problems };
    }
    return { dockerfile: sidecarText, origin: { sidecar }, sidecarText, problems };
  }
  if (buildConfig.Dockerfile !== undefined) {
    return { dockerfile: buildConfig.Dockerfile, origin: inlineOrigin(layers), problems };
  }
  problems.push(
    problemAt(
      "build-config",
      CONFIG_PATH,
      "BuildConfig: CustomDockerfile needs Dockerfile (inline) or DockerfileFile (a file beside the spec)",
    ),
  );
  return { problems };
}

/** The last layer that sets `Dockerfile` owns its lines. */
function inlineOrigin(layers: SpecLayer[]): DockerfileOrigin | undefined {
  const owner = [...layers]
    .reverse()
    .find(
      (l) => valueAtPath(l.parsed.value, [...l.prefix, ...CONFIG_PATH, "Dockerfile"]) !== undefined,
    );
  return owner
    ? { parsed: owner.parsed, path: [...owner.prefix, ...CONFIG_PATH, "Dockerfile"] }
    : undefined;
}
