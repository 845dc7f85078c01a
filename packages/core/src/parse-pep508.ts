/** Parses one pip requirement in PEP 508 syntax: name, extras, version clauses and an environment marker. */
import { commonEntryProblem, type PackageVerdict, refuse } from "./package-verdict.ts";
import { markerProblem } from "./parse-pep508-marker.ts";
import { PEP440_OPERATORS, type Pep440Operator, pep440VersionProblem } from "./pep440-version.ts";

/** A name-based PEP 508 requirement, as written (names are not normalised). */
export interface Pep508Requirement {
  name: string;
  extras: string[];
  specifiers: { operator: Pep440Operator; version: string }[];
  /** The text after `;`, trimmed. */
  marker?: string;
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const WHOLE_NAME = new RegExp(`${NAME.source}$`);
const URL_LIKE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|(?:git|hg|svn|bzr)\+)/;
const PATH_LIKE = /^(?:[./~\\]|[A-Za-z]:\\)|^[^@]*\.(?:whl|tar\.gz|zip)$/i;
const NO_URLS =
  "pip installs named requirements from the package index only (docs/decisions/core-package-lists.md): give the project name and its version, e.g. mypkg==1.0";
const OPERATORS_IN_WORDS = "==, !=, <=, >=, <, >, ~= or ===";

/**
 * Parses `entry` as a PEP 508 requirement: `name[extra,…] clause,… ; marker`, a clause being a PEP 440
 * operator and version (`>=1.3`, `==1.*`, `~=2.1`, `===foo`), optionally in parentheses. Direct references
 * (`name @ url`), URLs and file paths are refused (see docs/decisions/core-package-lists.md).
 *
 * @example
 * parsePep508("scikit-learn>=1.3,<1.5")
 * // { ok: true, value: { name: "scikit-learn", extras: [], specifiers: [{ operator: ">=", version: "1.3" }, { operator: "<", version: "1.5" }] } }
 * parsePep508("numpy=1.2") // { ok: false, reason: "use == for an exact version, e.g. numpy==1.2" }
 */
export function parsePep508(entry: string): PackageVerdict<Pep508Requirement> {
  const common = commonEntryProblem(entry);
  if (common) return refuse(common);
  const text = entry.trim();
  if (URL_LIKE.test(text)) return refuse(`a URL is not allowed: ${NO_URLS}`);
  if (PATH_LIKE.test(text)) return refuse(`a file path is not allowed: ${NO_URLS}`);
  const semicolon = text.indexOf(";");
  const head = semicolon === -1 ? text : text.slice(0, semicolon);
  const name = NAME.exec(head)?.[0];
  if (!name)
    return refuse(
      "the entry must start with a project name (letters, digits and . _ - between them), e.g. scikit-learn>=1.3",
    );
  let rest = head.slice(name.length).trimStart();
  const extras: string[] = [];
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close === -1) return refuse('the extras "[" has no closing "]", e.g. requests[socks]');
    const inner = rest.slice(1, close).trim();
    for (const extra of inner === "" ? [] : inner.split(",").map((e) => e.trim())) {
      if (!WHOLE_NAME.test(extra))
        return refuse(
          `extra "${extra}" is not a name: extras are names between commas, e.g. requests[socks,security]`,
        );
      extras.push(extra);
    }
    rest = rest.slice(close + 1).trimStart();
  }
  if (rest.startsWith("@"))
    return refuse(`a direct reference (name @ url) is not allowed: ${NO_URLS}`);
  const specifiers = parseClauses(name, rest);
  if (typeof specifiers === "string") return refuse(specifiers);
  const requirement: Pep508Requirement = { name, extras, specifiers };
  if (semicolon !== -1) {
    const marker = text.slice(semicolon + 1);
    const problem = markerProblem(marker);
    if (problem) return refuse(problem);
    requirement.marker = marker.trim();
  }
  return { ok: true, value: requirement };
}

/** The version clauses after the name and extras, or why they are not clauses. */
function parseClauses(name: string, text: string): Pep508Requirement["specifiers"] | string {
  let inner = text.trim();
  if (inner === "") return [];
  if (inner.startsWith("(")) {
    if (!inner.endsWith(")")) return 'the version clauses "(" have no closing ")"';
    inner = inner.slice(1, -1).trim();
  }
  const specifiers: Pep508Requirement["specifiers"] = [];
  for (const clause of inner.split(",").map((c) => c.trim())) {
    const operator = PEP440_OPERATORS.find((op) => clause.startsWith(op));
    if (!operator) {
      if (/^=[^=]/.test(clause))
        return `use == for an exact version, e.g. ${name}==${clause.slice(1).trim()}`;
      if (/^v?\d/.test(clause))
        return `a version needs an operator before it (${OPERATORS_IN_WORDS}), e.g. ${name}==${clause}`;
      if (clause === "")
        return "a version clause is empty: write clauses between commas, e.g. >=1.3,<1.5";
      return `after "${name}" come extras in [ ], version clauses (${OPERATORS_IN_WORDS}, e.g. >=1.3,<1.5) or a marker after ";", not "${clause}"`;
    }
    const version = clause.slice(operator.length).trim();
    if (/\s/.test(version))
      return `version clauses are separated by commas, e.g. ${name}>=1.3,<1.5`;
    const problem = pep440VersionProblem(operator, version);
    if (problem) return problem;
    specifiers.push({ operator, version });
  }
  return specifiers;
}
