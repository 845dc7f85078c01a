/** Renders a PackageInstallation package list into a Dockerfile whose package entries no shell reads. */
import type { SpecPackages } from "@imagebuild/schema";

/**
 * The one shell script of the apt step. Its text is fixed: the packages reach apt-get as the script's
 * positional arguments ("$@"), so no entry is ever part of a command line a shell parses
 * (docs/decisions/core-packages-argv.md).
 */
const APT_SCRIPT =
  'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" && rm -rf /var/lib/apt/lists/*';

/**
 * Renders `FROM <Base>`, then one `RUN` per non-empty list, each in the exec (JSON array) form, with every
 * entry one argument: apt (update, install without recommends, lists removed, in one layer), pip
 * (`python3 -m pip`, no cache) and conda (`-y`). `<`, `>`, `*`, `;`, quotes and spaces in an entry
 * reach the package manager as written. The entries must have passed `checkPackageLists`.
 *
 * @example
 * renderPackagesDockerfile({ Base: "debian:bookworm", Pip: ["scikit-learn>=1.3,<1.5"] })
 * // 'FROM debian:bookworm\nRUN ["python3","-m","pip","install","--no-cache-dir","scikit-learn>=1.3,<1.5"]\n'
 */
export function renderPackagesDockerfile(packages: SpecPackages): string {
  const steps: string[][] = [];
  if (packages.Apt?.length) steps.push(["/bin/sh", "-c", APT_SCRIPT, "sh", ...packages.Apt]);
  if (packages.Pip?.length)
    steps.push(["python3", "-m", "pip", "install", "--no-cache-dir", ...packages.Pip]);
  if (packages.Conda?.length) steps.push(["conda", "install", "-y", ...packages.Conda]);
  return [`FROM ${packages.Base}`, ...steps.map((argv) => `RUN ${JSON.stringify(argv)}`), ""].join(
    "\n",
  );
}
