/** Credentials from the environment, from the FC context, and providers. */
import { describe, expect, it } from "vitest";
import {
  credentialsFromEnv,
  credentialsFromFcContext,
  resolveCredentials,
  staticCredentials,
  toCredentialsProvider,
} from "../../src/credentials.ts";

const SECRET = "very-secret-value";

describe("credentialsFromEnv", () => {
  it("reads the AccessKey pair and the optional STS token", () => {
    expect(
      credentialsFromEnv({
        ALIBABA_CLOUD_ACCESS_KEY_ID: "id",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
        ALIBABA_CLOUD_SECURITY_TOKEN: "tok",
      }),
    ).toEqual({ accessKeyId: "id", accessKeySecret: SECRET, securityToken: "tok" });
    expect(
      credentialsFromEnv({
        ALIBABA_CLOUD_ACCESS_KEY_ID: "id",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
      }),
    ).toEqual({
      accessKeyId: "id",
      accessKeySecret: SECRET,
    });
  });

  it("names the missing variable and never prints a value", () => {
    let error: unknown;
    try {
      credentialsFromEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      name: "PaiConfigError",
      code: "CREDENTIALS_MISSING",
      field: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    });
    expect(String((error as Error).message)).not.toContain(SECRET);
    expect(() =>
      credentialsFromEnv({
        ALIBABA_CLOUD_ACCESS_KEY_ID: "id",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: " ",
      }),
    ).toThrow(/ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set/);
  });
});

describe("credentialsFromFcContext", () => {
  it("takes the role's STS credentials", () => {
    const context = {
      credentials: { accessKeyId: "STS.x", accessKeySecret: SECRET, securityToken: "t" },
    };
    expect(credentialsFromFcContext(context)).toEqual(context.credentials);
  });

  it("says to give the function a role when credentials are absent", () => {
    expect(() => credentialsFromFcContext({})).toThrow(/give the function a role/);
    expect(() => credentialsFromFcContext({ credentials: { accessKeyId: "STS.x" } })).toThrow(
      /context\.credentials\.accessKeySecret: must be a non-empty string/,
    );
  });
});

describe("providers", () => {
  it("staticCredentials checks once and resolves every time", async () => {
    const provider = staticCredentials({ accessKeyId: "id", accessKeySecret: SECRET });
    await expect(provider()).resolves.toEqual({ accessKeyId: "id", accessKeySecret: SECRET });
    expect(() => staticCredentials({ accessKeyId: "", accessKeySecret: SECRET })).toThrow(
      /accessKeyId/,
    );
  });

  it("toCredentialsProvider checks what a provider returns and passes undefined through", async () => {
    expect(toCredentialsProvider(undefined)).toBeUndefined();
    const bad = toCredentialsProvider(async () => ({ accessKeyId: "id", accessKeySecret: "" }));
    await expect(bad?.()).rejects.toThrow(/credentials provider result\.accessKeySecret/);
  });
});

describe("resolveCredentials", () => {
  const ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET };
  const CONTEXT = {
    credentials: { accessKeyId: "STS.x", accessKeySecret: SECRET, securityToken: "t" },
  };

  it("prefers the Function Compute context, then the environment, then unsigned", () => {
    expect(resolveCredentials({ context: CONTEXT, env: ENV })).toEqual(CONTEXT.credentials);
    expect(resolveCredentials({ context: { credentials: null }, env: ENV })).toEqual({
      accessKeyId: "env-id",
      accessKeySecret: SECRET,
    });
    expect(resolveCredentials({ context: {}, env: {} })).toBeUndefined();
  });

  it("reports a half-set pair, and nothing at all when credentials are required", () => {
    expect(() => resolveCredentials({ env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET } })).toThrow(
      /ALIBABA_CLOUD_ACCESS_KEY_ID is not set/,
    );
    expect(() => resolveCredentials({ env: {}, required: true })).toThrow(
      /ALIBABA_CLOUD_ACCESS_KEY_ID is not set/,
    );
  });

  it("checks a context pair instead of falling back past it", () => {
    expect(() =>
      resolveCredentials({ context: { credentials: { accessKeyId: "STS.x" } }, env: ENV }),
    ).toThrow(/context.credentials.accessKeySecret/);
  });
});
