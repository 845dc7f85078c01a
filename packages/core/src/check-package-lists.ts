/** The `package-syntax` lint: every Apt, Pip and Conda entry of `Packages` is read by the parser of its syntax. */
import type { SpecPackages } from "@imagebuild/schema";
import { memoizeByText } from "./memoize-by-text.ts";
import type { PackageVerdict } from "./package-verdict.ts";
import { parseAptPackage } from "./parse-apt-package.ts";
import { parseCondaSpec } from "./parse-conda-spec.ts";
import { parsePep508 } from "./parse-pep508.ts";
import type { ProblemAt } from "./problem-locator.ts";
import type { Problem } from "./types.ts";

const LISTS: {
  field: "Apt" | "Pip" | "Conda";
  syntax: string;
  parse: (entry: string) => PackageVerdict<unknown>;
}[] = [
  // Specs list the same packages again and again: each entry is parsed once.
  { field: "Apt", syntax: "an apt package", parse: memoizeByText(parseAptPackage) },
  { field: "Pip", syntax: "a PEP 508 requirement", parse: memoizeByText(parsePep508) },
  { field: "Conda", syntax: "a conda match spec", parse: memoizeByText(parseCondaSpec) },
];

/**
 * One `package-syntax` error per entry its parser refuses, at the entry's line and column, naming the
 * entry and saying what is allowed. A URL's user and password are masked in the message.
 *
 * @example
 * checkPackageLists({ packages: { Base: "debian:bookworm", Pip: ["numpy=1.2"] }, problemAt })
 * // [{ ruleId: "package-syntax", message: 'BuildConfig.Packages.Pip[0]: "numpy=1.2" is not a PEP 508 requirement: use == for an exact version, e.g. numpy==1.2', … }]
 */
export function checkPackageLists({
  packages,
  problemAt,
}: {
  packages: SpecPackages;
  problemAt: ProblemAt;
}): Problem[] {
  const problems: Problem[] = [];
  for (const { field, syntax, parse } of LISTS) {
    const entries = packages[field] ?? [];
    for (let index = 0; index < entries.length; index += 1) {
      const entry = entries[index] as string;
      const verdict = parse(entry);
      if (verdict.ok) continue;
      const shown = JSON.stringify(entry.replace(/\/\/[^/@\s]*@/g, "//***@"));
      problems.push(
        problemAt(
          "package-syntax",
          ["build", "BuildConfig", "Packages", field, String(index)],
          `BuildConfig.Packages.${field}[${index}]: ${shown} is not ${syntax}: ${verdict.reason}`,
        ),
      );
    }
  }
  return problems;
}
