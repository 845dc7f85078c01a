/** Chooses the build type and finds the Dockerfile: inline, a sidecar file, or rendered from Packages. */
import type { BuildType, SpecBuildConfig } from "@imagebuild/schema";
import type { SpecLayer } from "./layer-spec.ts";
import type { ProblemAt } from "./problem-locator.ts";
import { resolveCustomDockerfile } from "./resolve-custom-dockerfile.ts";
import { resolvePackagesDockerfile } from "./resolve-packages-dockerfile.ts";
import type { DockerfileOrigin, ResolvedDockerfile } from "./resolved-dockerfile.ts";
import type { InsideRead } from "./types.ts";

export type { DockerfileOrigin, ResolvedDockerfile };

/**
 * Resolves the Dockerfile of one layered spec. `BuildType` defaults to PackageInstallation when Packages is
 * set, else CustomDockerfile.
 *
 * @example
 * const { buildType, dockerfile, problems } = await resolveDockerfile({ file, buildConfig, layers, problemAt, readSidecar });
 */
export async function resolveDockerfile({
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
}): Promise<ResolvedDockerfile & { buildType: BuildType }> {
  const buildType =
    buildConfig.BuildType ?? (buildConfig.Packages ? "PackageInstallation" : "CustomDockerfile");
  const resolved =
    buildType === "CustomDockerfile"
      ? await resolveCustomDockerfile({ file, buildConfig, layers, problemAt, readSidecar })
      : resolvePackagesDockerfile({ buildConfig, problemAt });
  return { buildType, ...resolved };
}
