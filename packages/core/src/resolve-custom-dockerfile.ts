/** The CustomDockerfile build type: the Dockerfile inline (`Dockerfile`) or in a sidecar file (`DockerfileFile`). */
import type { SpecBuildConfig } from "@imagebuild/schema";
import type { SpecLayer } from "./layer-spec.ts";
import { valueAtPath } from "./merge-layers.ts";
import type { ProblemAt } from "./problem-locator.ts";
import type { DockerfileOrigin, ResolvedDockerfile } from "./resolved-dockerfile.ts";
import type { InsideRead, Problem } from "./types.ts";

const CONFIG_PATH = ["build", "BuildConfig"];

/**
 * Finds a CustomDockerfile's text; a sidecar file is read beside the spec `file`, only if its real path is
 * inside the spec's folder (`readFileInside`).
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
  readSidecar: (path: string, folder: string) => Promise<InsideRead>;
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
    const folder = file.slice(0, file.lastIndexOf("/"));
    const sidecar = `${folder}/${buildConfig.DockerfileFile}`;
    const read = await readSidecar(sidecar, folder);
    if (read.status !== "read") {
      problems.push(
        problemAt(
          "build-config",
          [...CONFIG_PATH, "DockerfileFile"],
          sidecarProblem(read, sidecar, folder),
        ),
      );
      return { problems };
    }
    return { dockerfile: read.text, origin: { sidecar }, sidecarText: read.text, problems };
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

/** Why a sidecar was not read; nothing of what a link points at is said, it may be a host file. */
function sidecarProblem(
  read: Exclude<InsideRead, { status: "read" }>,
  sidecar: string,
  folder: string,
): string {
  const field = "BuildConfig.DockerfileFile";
  if (read.status === "missing") return `${field}: ${sidecar} does not exist`;
  if (read.status === "not-a-file")
    return `${field}: ${sidecar} is not a regular file; use a file in ${folder}`;
  return `${field}: ${sidecar} does not resolve to a file inside ${folder}; a symlink out of the spec's folder is not followed, use a regular file in ${folder}`;
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
