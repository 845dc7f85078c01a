/** aliyun CLI profiles as a credentials source: which profile, which modes, and the precedence around them. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { credentialsFromAliyunProfile } from "../../src/aliyun-profile.ts";
import { resolveCredentialsWithSource } from "../../src/credentials.ts";

const AK_SECRET = "profile-secret-value";
const STS_SECRET = "sts-secret-value";
const STS_TOKEN = "sts-token-value";

let home: string;
let file: string;

function writeConfig(config: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof config === "string" ? config : JSON.stringify(config));
}

beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), "pai-client-aliyun-"));
  file = path.join(home, ".aliyun", "config.json");
  writeConfig({
    current: "dev",
    profiles: [
      {
        name: "dev",
        mode: "AK",
        access_key_id: "LTAIdev",
        access_key_secret: AK_SECRET,
        region_id: "cn-hangzhou",
        output_format: "json",
      },
      {
        name: "ci",
        mode: "StsToken",
        access_key_id: "STS.ci",
        access_key_secret: STS_SECRET,
        sts_token: STS_TOKEN,
      },
      { name: "sso", mode: "CloudSSO" },
      { name: "half", mode: "StsToken", access_key_id: "STS.h", access_key_secret: STS_SECRET },
    ],
  });
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function errorOf(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("expected an error");
}

describe("credentialsFromAliyunProfile", () => {
  it("reads the current AK profile, or a named StsToken one with its token", () => {
    expect(credentialsFromAliyunProfile({ file })).toEqual({
      credentials: { accessKeyId: "LTAIdev", accessKeySecret: AK_SECRET },
      profile: "dev",
      file,
      regionId: "cn-hangzhou",
    });
    expect(credentialsFromAliyunProfile({ file, name: "ci" }).credentials).toEqual({
      accessKeyId: "STS.ci",
      accessKeySecret: STS_SECRET,
      securityToken: STS_TOKEN,
    });
  });

  it("names the file, profile, mode or field at fault and never a key", () => {
    const cases: [string | undefined, string, RegExp][] = [
      [
        "sso",
        "CREDENTIALS_INVALID",
        /profile "sso": mode CloudSSO is not supported here, only AK and StsToken/,
      ],
      ["half", "CREDENTIALS_INVALID", /profile "half": sts_token is empty \(mode StsToken\)/],
      ["nope", "CREDENTIALS_MISSING", /no profile "nope" \(profiles: dev, ci, sso, half\)/],
    ];
    for (const [name, code, message] of cases) {
      const error = errorOf(() => credentialsFromAliyunProfile({ file, name }));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(file);
      expect(error.message).not.toMatch(/secret-value|token-value/);
    }
    writeConfig("{ not json");
    expect(errorOf(() => credentialsFromAliyunProfile({ file })).message).toBe(
      `${file}: not valid JSON: fix it or run aliyun configure`,
    );
    writeConfig({ profiles: "dev" });
    expect(errorOf(() => credentialsFromAliyunProfile({ file })).message).toMatch(
      /: profiles: .*\(not an aliyun CLI config\)$/,
    );
    rmSync(file);
    expect(errorOf(() => credentialsFromAliyunProfile({ file, name: "dev" })).code).toBe(
      "CREDENTIALS_MISSING",
    );
  });
});

describe("resolveCredentialsWithSource with an aliyun profile", () => {
  it("uses the key variables first, then ALIBABA_CLOUD_PROFILE, then the given profile", () => {
    const keys = { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s" };
    const aliyun = { profile: "ci", useCurrent: true };
    expect(resolveCredentialsWithSource({ env: { HOME: home, ...keys }, aliyun })).toEqual({
      credentials: { accessKeyId: "env-id", accessKeySecret: "s" },
      source: { kind: "environment" },
    });
    const named = resolveCredentialsWithSource({
      env: { HOME: home, ALIBABA_CLOUD_PROFILE: "dev" },
      aliyun,
    });
    expect(named.source).toEqual({ kind: "aliyun-profile", profile: "dev", file });
    const given = resolveCredentialsWithSource({ env: { HOME: home }, aliyun });
    expect(given.credentials?.accessKeyId).toBe("STS.ci");
  });

  it("takes the current profile only when asked to, and only when the file exists", () => {
    expect(resolveCredentialsWithSource({ env: { HOME: home } }).source).toEqual({ kind: "none" });
    const current = resolveCredentialsWithSource({
      env: { HOME: home },
      aliyun: { useCurrent: true },
    });
    expect(current.source).toEqual({ kind: "aliyun-profile", profile: "dev", file });
    rmSync(file);
    expect(
      resolveCredentialsWithSource({ env: { HOME: home }, aliyun: { useCurrent: true } }).source,
    ).toEqual({ kind: "none" });
    expect(
      errorOf(() =>
        resolveCredentialsWithSource({
          env: { HOME: home },
          aliyun: { useCurrent: true },
          required: true,
        }),
      ).message,
    ).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_ID is not set: .*ALIBABA_CLOUD_PROFILE=NAME/);
  });
});
