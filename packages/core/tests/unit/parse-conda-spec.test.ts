/** parseCondaSpec: conda match specs in their string forms, and the reasons given for the rest. */
import { describe, expect, it } from "vitest";
import { parseCondaSpec } from "../../src/index.ts";

describe("parseCondaSpec", () => {
  it.each([
    ["numpy", { name: "numpy" }],
    ["numpy=1.26", { name: "numpy", version: "=1.26" }],
    ["numpy==1.26.4", { name: "numpy", version: "==1.26.4" }],
    ["numpy>=1.26,<2", { name: "numpy", version: ">=1.26,<2" }],
    ["numpy >=1.26, <2", { name: "numpy", version: ">=1.26,<2" }],
    ["numpy 1.26.*", { name: "numpy", version: "1.26.*" }],
    ["numpy 1.26.* py311*", { name: "numpy", version: "1.26.*", build: "py311*" }],
    [
      "numpy=1.26.4=py311h64a7726_0",
      { name: "numpy", version: "1.26.4", build: "py311h64a7726_0" },
    ],
    ["python 3.10|3.11", { name: "python", version: "3.10|3.11" }],
    ["pytorch::pytorch>=2.1", { channel: "pytorch", name: "pytorch", version: ">=2.1" }],
    ["conda-forge/linux-64::libgcc-ng", { channel: "conda-forge/linux-64", name: "libgcc-ng" }],
    ["pytorch-cuda=12.1", { name: "pytorch-cuda", version: "=12.1" }],
    ["_libgcc_mutex 0.1 main", { name: "_libgcc_mutex", version: "0.1", build: "main" }],
  ])("accepts %s", (entry, value) => {
    expect(parseCondaSpec(entry)).toEqual({ ok: true, value });
  });

  it.each([
    ["$(reboot)", "must start with a package name (letters, digits, - _ .)"],
    ["numpy; reboot", 'after "numpy" comes a version after a space or an operator'],
    [
      "numpy 1.26 py311 extra",
      "a match spec holds at most a version and a build string after the name",
    ],
    ["numpy>=1.26 py311 x", "a match spec holds at most a version and a build string"],
    ["numpy=1.26=py=3", 'name=version=build has two "=" at most'],
    ["numpy>=", 'a version is missing after ">="'],
    ["numpy>=1.2,<", 'a version is missing after "<"'],
    ["numpy>=1.2,,<2", '"(empty)" is not a version constraint'],
    ["numpy 1.2 py$(id)", 'build string "py$(id)" may hold letters, digits, _ . + and * only'],
    ["numpy[version='>=1.26']", "the bracket form name[key=value] is not supported here"],
    [
      "https://token@conda.example.com/ch::numpy",
      "a URL is not allowed: name a channel instead (a URL may carry a token)",
    ],
    ["bad channel::numpy", '"bad channel" is not a channel name'],
    ["num*", "a wildcard in the name matches many packages"],
    ["--override-channels", 'starts with "-"'],
  ])("refuses %j: %s", (entry, reason) => {
    expect(parseCondaSpec(entry)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});
