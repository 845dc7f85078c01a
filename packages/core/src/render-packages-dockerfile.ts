/** Renders a PackageInstallation package list into a Dockerfile. */
import type { SpecPackages } from "@imagebuild/schema";

/**
 * Renders `FROM <Base>`, then apt (no recommends, lists removed), pip (no cache) and conda (-y) installs.
 * apt names are restricted by the schema to characters the shell treats literally, so that line uses the
 * shell form; pip and conda specifiers may contain `<`, `>`, `*` and `[`, which a shell would interpret,
 * so those lines use the exec (JSON) form and no shell ever sees them.
 *
 * @example
 * renderPackagesDockerfile({ Base: "debian:bookworm", Apt: ["python3-numpy"] })
 * // "FROM debian:bookworm\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends python3-numpy \\\n && rm -rf /var/lib/apt/lists/*\n"
 */
export function renderPackagesDockerfile(packages: SpecPackages): string {
  const lines = [`FROM ${packages.Base}`];
  if (packages.Apt && packages.Apt.length > 0) {
    lines.push(
      [
        "RUN apt-get update",
        ` && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.Apt.join(" ")}`,
        " && rm -rf /var/lib/apt/lists/*",
      ].join(" \\\n"),
    );
  }
  if (packages.Pip && packages.Pip.length > 0) {
    lines.push(`RUN ${JSON.stringify(["pip", "install", "--no-cache-dir", ...packages.Pip])}`);
  }
  if (packages.Conda && packages.Conda.length > 0) {
    lines.push(`RUN ${JSON.stringify(["conda", "install", "-y", ...packages.Conda])}`);
  }
  return `${lines.join("\n")}\n`;
}
