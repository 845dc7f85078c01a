/** checkPackageLists: the lint message names the list, the index and the entry, and masks a URL's user part. */
import { describe, expect, it } from "vitest";
import { checkPackageLists } from "../../src/check-package-lists.ts";
import type { ProblemAt } from "../../src/problem-locator.ts";

const problemAt: ProblemAt = (ruleId, path, message, severity = "error") => ({
  ruleId,
  severity,
  file: path.join("."),
  line: 1,
  column: 1,
  message,
});

describe("checkPackageLists", () => {
  it("reports each refused entry at its path, in words, and nothing for the accepted ones", () => {
    const problems = checkPackageLists({
      packages: {
        Base: "debian:bookworm",
        Apt: ["curl", "libssl3=3.0.11-1~deb12u2"],
        Pip: ["scikit-learn>=1.3,<1.5", "pandas", "numpy=1.2"],
        Conda: ["pytorch::pytorch>=2.1", "numpy 1.2 py39 extra"],
      },
      problemAt,
    });
    expect(problems.map((p) => [p.ruleId, p.file, p.message])).toEqual([
      [
        "package-syntax",
        "build.BuildConfig.Packages.Pip.2",
        'BuildConfig.Packages.Pip[2]: "numpy=1.2" is not a PEP 508 requirement: use == for an exact version, e.g. numpy==1.2',
      ],
      [
        "package-syntax",
        "build.BuildConfig.Packages.Conda.1",
        'BuildConfig.Packages.Conda[1]: "numpy 1.2 py39 extra" is not a conda match spec: a match spec holds at most a version and a build string after the name, e.g. numpy, numpy=1.26, numpy>=1.26,<2, numpy 1.26.* py311*, conda-forge::numpy',
      ],
    ]);
  });

  it("never repeats the user part of a URL (a token) in its message", () => {
    const [problem] = checkPackageLists({
      packages: { Base: "debian:bookworm", Pip: ["pkg @ https://ghp_abc123@example.com/pkg.zip"] },
      problemAt,
    });
    expect(problem?.message).toContain('"pkg @ https://***@example.com/pkg.zip"');
    expect(problem?.message).not.toContain("ghp_abc123");
  });
});
