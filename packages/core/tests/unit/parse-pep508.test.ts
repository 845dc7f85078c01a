/** parsePep508: pip requirements as people write them, and the reasons given for the ones pip would misread. */
import { describe, expect, it } from "vitest";
import { parsePep508 } from "../../src/index.ts";

describe("parsePep508", () => {
  it("reads a range with a < as two clauses", () => {
    expect(parsePep508("scikit-learn>=1.3,<1.5")).toEqual({
      ok: true,
      value: {
        name: "scikit-learn",
        extras: [],
        specifiers: [
          { operator: ">=", version: "1.3" },
          { operator: "<", version: "1.5" },
        ],
      },
    });
  });

  it("reads extras, spaces, and a marker with and/or and parentheses", () => {
    expect(
      parsePep508(
        `requests [security, socks] >= 2.8.1, == 2.8.* ; (python_version < "3.12" or os_name == 'nt') and extra == "test"`,
      ),
    ).toEqual({
      ok: true,
      value: {
        name: "requests",
        extras: ["security", "socks"],
        specifiers: [
          { operator: ">=", version: "2.8.1" },
          { operator: "==", version: "2.8.*" },
        ],
        marker: `(python_version < "3.12" or os_name == 'nt') and extra == "test"`,
      },
    });
  });

  it.each([
    ["numpy", []],
    ["zope.interface==6.0", [{ operator: "==", version: "6.0" }]],
    ["foo===1.0-custom", [{ operator: "===", version: "1.0-custom" }]],
    ["torch==2.1.0+cu121", [{ operator: "==", version: "2.1.0+cu121" }]],
    ["numpy==1.*", [{ operator: "==", version: "1.*" }]],
    ["numpy!=1.25.*", [{ operator: "!=", version: "1.25.*" }]],
    ["pandas~=2.2", [{ operator: "~=", version: "2.2" }]],
    ["attrs (>=23.1)", [{ operator: ">=", version: "23.1" }]],
    ["django>=5.0rc1", [{ operator: ">=", version: "5.0rc1" }]],
    ["pkg==1!2.0.post1.dev3", [{ operator: "==", version: "1!2.0.post1.dev3" }]],
  ])("accepts %s", (entry, specifiers) => {
    const verdict = parsePep508(entry);
    expect(verdict).toMatchObject({ ok: true, value: { specifiers } });
  });

  it("keeps a marker with `in` and `not in`", () => {
    expect(parsePep508(`pywin32; sys_platform not in "linux darwin"`)).toMatchObject({
      ok: true,
      value: { name: "pywin32", marker: `sys_platform not in "linux darwin"` },
    });
  });

  it.each([
    ["numpy=1.2", "use == for an exact version, e.g. numpy==1.2"],
    [
      "numpy 1.2",
      "a version needs an operator before it (==, !=, <=, >=, <, >, ~= or ===), e.g. numpy==1.2",
    ],
    ["numpy>=1.2 <2", "version clauses are separated by commas, e.g. numpy>=1.3,<1.5"],
    ["numpy>=1.*", "a wildcard .* works only after == or !=, e.g. ==1.*"],
    ["numpy~=1", "~= needs at least two release numbers (~=1.0 means >=1.0 and ==1.*)"],
    ["numpy<1.2+local", "a local version label (+…) works only after == or !=, e.g. ==1.2+local"],
    ["numpy==1.x", '"1.x" is not a PEP 440 version (e.g. 1.2, 1.2.3rc1, 2!1.0.post1)'],
    ["numpy==", "== needs a version after it, e.g. 1.2, 1.2.3rc1, 2!1.0.post1"],
    ["numpy>=1.2,", "a version clause is empty: write clauses between commas, e.g. >=1.3,<1.5"],
    ["requests[socks", 'the extras "[" has no closing "]", e.g. requests[socks]'],
    [
      "requests[so cks]",
      'extra "so cks" is not a name: extras are names between commas, e.g. requests[socks,security]',
    ],
    [
      "--index-url=http://mirror/simple",
      'starts with "-", which the package manager would read as an option',
    ],
    [
      "git+https://example.com/evil.git",
      "a URL is not allowed: pip installs named requirements from the package index only",
    ],
    [
      "pip @ https://example.com/pip.zip",
      "a direct reference (name @ url) is not allowed: pip installs named requirements",
    ],
    ["./wheels/pkg-1.0-py3-none-any.whl", "a file path is not allowed:"],
    ["numpy; rm -rf /", 'the marker after ";": unknown marker variable "rm"'],
    [
      `numpy; pyhton_version < "3.12"`,
      'unknown marker variable "pyhton_version" (known: python_version, python_full_version',
    ],
    [
      "numpy; python_version < 3.12",
      'the marker after ";": a value is a quoted string, e.g. "3.12"',
    ],
    ["numpy; python_version < '3.12' && reboot", 'the marker after ";": "&" is not allowed there'],
    [`numpy; python_version < "3.12`, 'the marker after ";": a string has no closing quote'],
    [`numpy; (python_version < "3.12"`, 'the marker after ";": a "(" has no matching ")"'],
    [
      `numpy; python_version < "3.12" python_version`,
      'expected "and", "or" or the end, found "python_version"',
    ],
    ["numpy;", 'nothing follows ";"'],
    ["numpy $(reboot)", 'after "numpy" come extras in [ ], version clauses'],
    ["numpy\n--pre", "holds a control character"],
    ["_private", "must start with a project name"],
  ])("refuses %j: %s", (entry, reason) => {
    expect(parsePep508(entry)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});
