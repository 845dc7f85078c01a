/** Parses one apt-get install argument: `name`, `name:arch`, `name=version` or `name/release`. */
import { commonEntryProblem, type PackageVerdict, refuse } from "./package-verdict.ts";

/** An apt package selection, as written. */
export interface AptPackage {
  name: string;
  architecture?: string;
  version?: string;
  release?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9+.-]*/;
const ARCHITECTURE = /^:([a-z0-9][a-z0-9-]*)/;
const RELEASE = /^[a-z0-9][a-z0-9.+-]*$/;
const UPSTREAM = /^\d[A-Za-z0-9.+~-]*$/;
const REVISION = /^[A-Za-z0-9.+~]+$/;
const EXAMPLES = "e.g. curl, libssl3=3.0.11-1~deb12u2, libc6:i386 or curl/bookworm-backports";

/**
 * Parses `entry` as apt-get install takes a package: a Debian package name (lower case letters, digits,
 * `+ - .`, at least two characters), an optional `:architecture`, then either `=version` (a Debian
 * version, `[epoch:]upstream[-revision]`) or `/release` (a target release such as bookworm-backports).
 *
 * @example
 * parseAptPackage("libssl3=3.0.11-1~deb12u2") // { ok: true, value: { name: "libssl3", version: "3.0.11-1~deb12u2" } }
 * parseAptPackage("curl && rm -rf /") // { ok: false, reason: "the entry holds spaces: write one package per entry, …" }
 */
export function parseAptPackage(entry: string): PackageVerdict<AptPackage> {
  const common = commonEntryProblem(entry);
  if (common) return refuse(common);
  if (/\s/.test(entry.trim()))
    return refuse(`the entry holds spaces: write one package per entry, ${EXAMPLES}`);
  const text = entry.trim();
  if (/^[./~]/.test(text) || text.endsWith(".deb"))
    return refuse(
      `a .deb file or path is not allowed: apt-get installs packages by name from the archive, ${EXAMPLES}`,
    );
  const name = NAME.exec(text)?.[0];
  if (!name)
    return refuse(
      `the entry must start with a package name (lower case letters, digits, + - .), ${EXAMPLES}`,
    );
  if (name !== name.toLowerCase())
    return refuse(`Debian package names are lower case, e.g. ${name.toLowerCase()}`);
  if (name.endsWith("-"))
    return refuse(
      'a trailing "-" asks apt-get to remove the package: list only packages to install',
    );
  if (name.length < 2) return refuse("a Debian package name has at least two characters");
  const selection: AptPackage = { name };
  let rest = text.slice(name.length);
  const architecture = ARCHITECTURE.exec(rest);
  if (architecture) {
    selection.architecture = architecture[1] as string;
    rest = rest.slice(architecture[0].length);
  } else if (rest.startsWith(":")) {
    return refuse(`the architecture after ":" is a Debian architecture name, e.g. ${name}:amd64`);
  }
  if (rest.startsWith("=")) {
    const problem = debianVersionProblem(rest.slice(1));
    if (problem) return refuse(problem);
    selection.version = rest.slice(1);
  } else if (rest.startsWith("/")) {
    if (!RELEASE.test(rest.slice(1)))
      return refuse(
        `the release after "/" is a suite or codename (lower case letters, digits, + - .), e.g. ${name}/bookworm-backports`,
      );
    selection.release = rest.slice(1);
  } else if (rest !== "") {
    return refuse(
      `after "${name}" come ":architecture", "=version" or "/release", not "${rest}": ${EXAMPLES}`,
    );
  }
  return { ok: true, value: selection };
}

function debianVersionProblem(version: string): string | undefined {
  const shape =
    "[epoch:]upstream[-revision], the upstream part starting with a digit, e.g. 3.0.11-1~deb12u2 or 1:2.66-4";
  if (version === "") return `"=" needs a version after it: ${shape}`;
  if (version.includes("*") || version.includes("?"))
    return "pin one exact version: apt versions take no wildcards here";
  const epoch = /^(\d+):/.exec(version);
  const withoutEpoch = epoch ? version.slice(epoch[0].length) : version;
  const hyphen = withoutEpoch.lastIndexOf("-");
  const upstream = hyphen === -1 ? withoutEpoch : withoutEpoch.slice(0, hyphen);
  const revision = hyphen === -1 ? undefined : withoutEpoch.slice(hyphen + 1);
  const valid =
    UPSTREAM.test(upstream) &&
    (hyphen !== -1 || !upstream.includes("-")) &&
    (revision === undefined || REVISION.test(revision));
  return valid ? undefined : `"${version}" is not a Debian version: ${shape}`;
}
