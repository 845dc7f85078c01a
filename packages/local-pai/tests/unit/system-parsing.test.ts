/** The system layer's pure parts: builder error lines, RegistryAuths, which builds need the local registry's login, static ELF detection. */
import { describe, expect, it } from "vitest";
import { classifyBuildError } from "../../src/system/classify-build-error.ts";
import { isStaticElf } from "../../src/system/is-static-elf.ts";
import {
  decodeRegistryAuths,
  pullsFromLocalRegistry,
  RegistryAuthsInvalidError,
} from "../../src/system/registry-auths.ts";

describe("classifyBuildError", () => {
  it("keeps the builder's own error line and classifies it", () => {
    expect(
      classifyBuildError({
        tail: [
          "STEP 1/2: FROM ubuntu:18:04",
          "Error: creating build container: invalid reference format",
        ],
        stage: "build",
      }),
    ).toEqual({
      reasonCode: "InvalidDockerfile",
      reasonMessage: "creating build container: invalid reference format",
    });
    expect(
      classifyBuildError({
        tail: ['Error: building at STEP "RUN exit 3": exit status 3'],
        stage: "build",
      }),
    ).toEqual({
      reasonCode: "BuildFailed",
      reasonMessage: 'building at STEP "RUN exit 3": exit status 3',
    });
    expect(
      classifyBuildError({ tail: ["Error: pushing image: authentication required"], stage: "push" })
        .reasonCode,
    ).toBe("RegistryAuthFailed");
    expect(
      classifyBuildError({ tail: ["Error: writing blob: connection refused"], stage: "push" })
        .reasonCode,
    ).toBe("PushFailed");
  });

  it("bounds the message length", () => {
    const { reasonMessage } = classifyBuildError({
      tail: [`Error: ${"x".repeat(5_000)}`],
      stage: "build",
    });
    expect(reasonMessage.length).toBeLessThanOrEqual(500);
  });
});

describe("decodeRegistryAuths", () => {
  it("decodes base64 user:password (the password may hold colons)", () => {
    const Auth = Buffer.from("user:pa:ss").toString("base64");
    expect(decodeRegistryAuths({ "r.example": { Auth } })).toEqual({
      "r.example": { username: "user", password: "pa:ss" },
    });
    expect(decodeRegistryAuths(undefined)).toEqual({});
  });

  it.each([
    "%%%",
    Buffer.from("no-colon").toString("base64"),
    Buffer.from(":nouser").toString("base64"),
  ])("names the field of a bad entry %j", (Auth) => {
    expect(() => decodeRegistryAuths({ "r.example": { Auth } })).toThrow(RegistryAuthsInvalidError);
    expect(() => decodeRegistryAuths({ "r.example": { Auth } })).toThrow(
      'BuildConfig.RegistryAuths["r.example"].Auth',
    );
  });
});

describe("isStaticElf", () => {
  it("tells the static busybox from a dynamically linked program", () => {
    expect(isStaticElf({ file: "/bin/busybox" })).toBe(true);
    expect(isStaticElf({ file: process.execPath })).toBe(false);
    expect(isStaticElf({ file: "/etc/os-release" })).toBe(false);
  });
});

describe("pullsFromLocalRegistry", () => {
  const registry = {
    host: "127.0.0.1:5000",
    url: "http://127.0.0.1:5000",
    hasManifest: async () => false,
    stop: async () => {},
  };
  it.each([
    ["FROM debian:bookworm\n", true],
    ["FROM --platform=linux/amd64 busybox AS base\nRUN true\n", true],
    ["FROM localhost:5000/team/base:1\n", true],
    ["FROM 127.0.0.1:5000/team/base:1\n", true],
    ["ARG BASE\nFROM $BASE\n", true],
    ["FROM r.example/base:1\nCOPY --from=busybox /bin/sh /sh\n", true],
    ["FROM r.example/base:1\nRUN --mount=type=bind,from=debian:bookworm,target=/d true\n", true],
    ["FROM r.example/base:1\n", false],
    ["FROM scratch\nCOPY x /x\n", false],
    ["FROM r.example/a:1 AS build\nFROM r.example/b:1\nCOPY --from=build /x /x\n", false],
    ["FROM ubuntu:22.04\n", false],
  ])("%j → %s", (dockerfile, expected) => {
    expect(pullsFromLocalRegistry({ dockerfile, registry })).toBe(expected);
  });
});
