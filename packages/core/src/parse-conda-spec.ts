/** Parses one conda MatchSpec in its string form: `[channel::]name[ version[ build]]`, `name=1.2=build`, `name>=1.2,<2`. */
import { commonEntryProblem, type PackageVerdict, refuse } from "./package-verdict.ts";

/** A conda match spec, as written. */
export interface CondaSpec {
  channel?: string;
  name: string;
  version?: string;
  build?: string;
}

const CHANNEL = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*/;
const CONSTRAINT = /^(?:==|!=|<=|>=|~=|<|>|=)?[A-Za-z0-9_.+!*]+$/;
const BUILD = /^[A-Za-z0-9_.+*]+$/;
const EXAMPLES = "e.g. numpy, numpy=1.26, numpy>=1.26,<2, numpy 1.26.* py311*, conda-forge::numpy";

/**
 * Parses `entry` as a conda MatchSpec string: an optional channel (`pytorch::`, `conda-forge/linux-64::`),
 * the package name, then a version spec (constraints joined by `,` for and, `|` for or, each an optional
 * `== != < <= > >= ~= =` and a version that may hold `*`) and a build string, either after spaces
 * (`numpy 1.26.* py311*`) or as `name=version=build`. Channel URLs and the bracket form (`name[version=…]`)
 * are refused.
 *
 * @example
 * parseCondaSpec("pytorch::pytorch>=2.1") // { ok: true, value: { channel: "pytorch", name: "pytorch", version: ">=2.1" } }
 * parseCondaSpec("numpy=1.26=py311h64a7726_0") // { ok: true, value: { name: "numpy", version: "1.26", build: "py311h64a7726_0" } }
 */
export function parseCondaSpec(entry: string): PackageVerdict<CondaSpec> {
  const common = commonEntryProblem(entry);
  if (common) return refuse(common);
  const text = entry.trim();
  if (text.includes("://"))
    return refuse(
      "a URL is not allowed: name a channel instead (a URL may carry a token), e.g. conda-forge::numpy",
    );
  if (text.includes("["))
    return refuse(
      `the bracket form name[key=value] is not supported here: write the version and build after the name, ${EXAMPLES}`,
    );
  const spec: CondaSpec = { name: "" };
  let rest = text;
  const separator = text.indexOf("::");
  if (separator !== -1) {
    const channel = text.slice(0, separator);
    if (!CHANNEL.test(channel))
      return refuse(
        `"${channel}" is not a channel name: letters, digits, - _ . and / before a subdir, e.g. conda-forge::numpy`,
      );
    spec.channel = channel;
    rest = text.slice(separator + 2);
  }
  const name = NAME.exec(rest)?.[0];
  if (!name)
    return refuse(`the entry must start with a package name (letters, digits, - _ .), ${EXAMPLES}`);
  spec.name = name;
  rest = rest.slice(name.length);
  if (rest.startsWith("*"))
    return refuse("a wildcard in the name matches many packages: name one package");
  if (rest === "") return { ok: true, value: spec };
  const startsWithOperator = /^[=<>!~]/.test(rest);
  if (!startsWithOperator && !/^\s/.test(rest))
    return refuse(`after "${name}" comes a version after a space or an operator, ${EXAMPLES}`);
  // conda reads `>= 1.2, <2` like `>=1.2,<2`; spaces elsewhere separate the version from the build.
  const trimmed = rest.trim();
  const words = /\s/.test(trimmed)
    ? trimmed
        .replace(/\s*([,|])\s*/g, "$1")
        .replace(/(==|!=|<=|>=|~=|<|>|=)\s+/g, "$1")
        .split(/\s+/)
    : [trimmed];
  if (words.length > 2)
    return refuse(
      `a match spec holds at most a version and a build string after the name, ${EXAMPLES}`,
    );
  let [version = "", build] = words;
  if (startsWithOperator && /^=[^=]/.test(version) && version.slice(1).includes("=")) {
    if (build !== undefined) return refuse(`give the build string once, ${EXAMPLES}`);
    const parts = version.slice(1).split("=");
    if (parts.length > 2) return refuse(`name=version=build has two "=" at most, ${EXAMPLES}`);
    [version, build] = parts as [string, string];
  }
  const problem = versionProblem(version);
  if (problem) return refuse(problem);
  spec.version = version;
  if (build !== undefined) {
    if (!BUILD.test(build))
      return refuse(
        `build string "${build}" may hold letters, digits, _ . + and * only, e.g. py311h64a7726_0 or *cuda*`,
      );
    spec.build = build;
  }
  return { ok: true, value: spec };
}

function versionProblem(version: string): string | undefined {
  for (const constraint of version.split(/[,|]/)) {
    if (/^(?:==|!=|<=|>=|~=|<|>|=)$/.test(constraint))
      return `a version is missing after "${constraint}", ${EXAMPLES}`;
    if (!CONSTRAINT.test(constraint))
      return `"${constraint || "(empty)"}" is not a version constraint: an optional ==, !=, <, <=, >, >=, ~= or = and a version of letters, digits, . _ + ! and *, joined by "," (and) or "|" (or)`;
  }
  return undefined;
}
