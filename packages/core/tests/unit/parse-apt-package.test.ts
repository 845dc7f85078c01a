/** parseAptPackage: apt-get install arguments (name, :arch, =version, /release) and the reasons given for the rest. */
import { describe, expect, it } from "vitest";
import { parseAptPackage } from "../../src/index.ts";

describe("parseAptPackage", () => {
  it.each([
    ["curl", { name: "curl" }],
    ["g++", { name: "g++" }],
    ["libssl3=3.0.11-1~deb12u2", { name: "libssl3", version: "3.0.11-1~deb12u2" }],
    ["libcap2=1:2.66-4", { name: "libcap2", version: "1:2.66-4" }],
    ["curl=7.88.1-10+deb12u8", { name: "curl", version: "7.88.1-10+deb12u8" }],
    ["tzdata=2024a-0+deb12u1", { name: "tzdata", version: "2024a-0+deb12u1" }],
    ["libc6:i386", { name: "libc6", architecture: "i386" }],
    [
      "libc6:arm64=2.36-9+deb12u4",
      { name: "libc6", architecture: "arm64", version: "2.36-9+deb12u4" },
    ],
    ["curl/bookworm-backports", { name: "curl", release: "bookworm-backports" }],
    ["python3.11", { name: "python3.11" }],
  ])("accepts %s", (entry, value) => {
    expect(parseAptPackage(entry)).toEqual({ ok: true, value });
  });

  it.each([
    ["curl && rm -rf /", "holds spaces: write one package per entry"],
    ["Curl", "Debian package names are lower case, e.g. curl"],
    ["curl-", 'a trailing "-" asks apt-get to remove the package'],
    ["c", "a Debian package name has at least two characters"],
    ["curl=", '"=" needs a version after it'],
    ["curl=latest", '"latest" is not a Debian version: [epoch:]upstream[-revision]'],
    ["curl=7.88.*", "pin one exact version"],
    ["curl=7.88.1-10:1", '"7.88.1-10:1" is not a Debian version'],
    ["curl:I386", 'the architecture after ":" is a Debian architecture name, e.g. curl:amd64'],
    ["curl/Bookworm", 'the release after "/" is a suite or codename'],
    ["curl;reboot", 'after "curl" come ":architecture", "=version" or "/release", not ";reboot"'],
    ["./local.deb", "a .deb file or path is not allowed"],
    ["$(reboot)", "must start with a package name"],
    ["-oDebug::pkgProblemResolver=1", 'starts with "-"'],
    ["", "the entry is empty"],
  ])("refuses %j: %s", (entry, reason) => {
    expect(parseAptPackage(entry)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});
