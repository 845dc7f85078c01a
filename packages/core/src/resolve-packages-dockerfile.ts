/** The PackageInstallation build type: a Dockerfile rendered from `Packages` (a pinned base and package lists). */
import type { SpecBuildConfig, SpecPackages } from "@imagebuild/schema";
import { pinningProblem } from "./check-from-pinning.ts";
import { checkPackageLists } from "./check-package-lists.ts";
import type { ProblemAt } from "./problem-locator.ts";
import { renderPackagesDockerfile } from "./render-packages-dockerfile.ts";
import type { ResolvedDockerfile } from "./resolved-dockerfile.ts";

const CONFIG_PATH = ["build", "BuildConfig"];

/**
 * Renders a PackageInstallation's Dockerfile, and checks that `Packages.Base` is pinned and every package
 * entry is in its manager's syntax (no Dockerfile is rendered from an entry a parser refused).
 *
 * @example
 * resolvePackagesDockerfile({ buildConfig: { Packages: { Base: "debian:bookworm", Apt: ["curl"] } }, problemAt });
 * // { dockerfile: "FROM debian:bookworm\n…", problems: [] }
 */
export function resolvePackagesDockerfile({
  buildConfig,
  problemAt,
}: {
  buildConfig: SpecBuildConfig;
  problemAt: ProblemAt;
}): ResolvedDockerfile {
  if (buildConfig.Dockerfile !== undefined || buildConfig.DockerfileFile !== undefined) {
    const field = buildConfig.Dockerfile !== undefined ? "Dockerfile" : "DockerfileFile";
    const problem = problemAt(
      "build-config",
      [...CONFIG_PATH, field],
      "BuildConfig: PackageInstallation renders its Dockerfile from Packages; remove Dockerfile/DockerfileFile",
    );
    return { problems: [problem] };
  }
  if (!buildConfig.Packages) {
    const problem = problemAt(
      "build-config",
      CONFIG_PATH,
      "BuildConfig.Packages: PackageInstallation needs Packages with at least Base",
    );
    return { problems: [problem] };
  }
  const packages = buildConfig.Packages as SpecPackages;
  const pin = pinningProblem(packages.Base);
  const problems = pin
    ? [
        problemAt(
          pin.ruleId,
          [...CONFIG_PATH, "Packages", "Base"],
          pin.message.replace(/^FROM /, "Packages.Base "),
        ),
      ]
    : [];
  const listProblems = checkPackageLists({ packages, problemAt });
  if (listProblems.length > 0) return { problems: [...problems, ...listProblems] };
  return { dockerfile: renderPackagesDockerfile(packages), problems };
}
