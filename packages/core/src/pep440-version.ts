/** Checks the version of a PEP 440 version specifier clause (`==1.2.*`, `~=2.1`, `>=1.3rc1`). */

const RELEASE = String.raw`v?(?:\d+!)?\d+(?:\.\d+)*`;
// PEP 440's accepted spellings (case-insensitive, with optional separators), as pip normalises them.
const PRE = String.raw`(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?`;
const POST = String.raw`(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?`;
const DEV = String.raw`(?:[-_.]?dev[-_.]?\d*)?`;
const LOCAL = String.raw`\+[a-z0-9]+(?:[-_.][a-z0-9]+)*`;
const PUBLIC_VERSION = new RegExp(`^${RELEASE}${PRE}${POST}${DEV}$`, "i");
const LOCAL_VERSION = new RegExp(`^${RELEASE}${PRE}${POST}${DEV}(?:${LOCAL})?$`, "i");
const PREFIX_VERSION = new RegExp(`^${RELEASE}\\.\\*$`, "i");

/** The comparison operators of a version specifier clause, longest first (so `===` is not read as `==`). */
export const PEP440_OPERATORS = ["===", "~=", "==", "!=", "<=", ">=", "<", ">"] as const;

/** One of `PEP440_OPERATORS`. */
export type Pep440Operator = (typeof PEP440_OPERATORS)[number];

const EXAMPLES = "e.g. 1.2, 1.2.3rc1, 2!1.0.post1";

/**
 * Why `version` cannot follow `operator` in a PEP 440 specifier clause, or undefined when it can:
 * `===` takes any text without spaces; a `.*` suffix only follows `==`/`!=`; a `+local` label only
 * follows `==`/`!=`; `~=` needs at least two release numbers.
 *
 * @example
 * pep440VersionProblem(">=", "1.*") // "a wildcard .* works only after == or !=, e.g. ==1.*"
 * pep440VersionProblem("==", "1.*") // undefined
 */
export function pep440VersionProblem(
  operator: Pep440Operator,
  version: string,
): string | undefined {
  if (version === "") return `${operator} needs a version after it, ${EXAMPLES}`;
  if (operator === "===")
    return /\s/.test(version) ? "=== takes one version without spaces" : undefined;
  const prefix = PREFIX_VERSION.test(version);
  if (prefix) {
    return operator === "==" || operator === "!="
      ? undefined
      : `a wildcard .* works only after == or !=, e.g. ==${version}`;
  }
  if (PUBLIC_VERSION.test(version)) {
    if (operator === "~=" && !/^v?(?:\d+!)?\d+\.\d+/i.test(version))
      return `~= needs at least two release numbers (~=${version}.0 means >=${version}.0 and ==${version}.*)`;
    return undefined;
  }
  if (LOCAL_VERSION.test(version)) {
    return operator === "==" || operator === "!="
      ? undefined
      : `a local version label (+…) works only after == or !=, e.g. ==${version}`;
  }
  if (version.includes("*"))
    return `a wildcard is only a trailing .* after the release numbers, e.g. ==1.2.*`;
  return `"${version}" is not a PEP 440 version (${EXAMPLES})`;
}
