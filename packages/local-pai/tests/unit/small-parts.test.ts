/** Small parts: token buckets, issuesToApiError, ids and checkOptions. */
import { describe, expect, it } from "vitest";
import { createTokenBuckets } from "../../src/auth/token-bucket.ts";
import { checkOptions } from "../../src/check-options.ts";
import { issuesToApiError } from "../../src/http/api-error.ts";
import { newImageId, newRequestId } from "../../src/ids.ts";

describe("token buckets", () => {
  it("allows a burst, then refills at the rate, per caller", () => {
    let now = 0;
    const buckets = createTokenBuckets({ requestsPerSecond: 2, burst: 2, now: () => now });
    expect([buckets.take("a"), buckets.take("a")]).toEqual([0, 0]);
    expect(buckets.take("a")).toBe(500);
    expect(buckets.take("b")).toBe(0);
    now = 500;
    expect(buckets.take("a")).toBe(0);
  });
});

describe("issuesToApiError", () => {
  it("prefers MissingParameter and names every field", () => {
    const error = issuesToApiError([
      { path: ["Image", "Name"], code: "invalid", message: "must match x" },
      { path: ["WorkspaceId"], code: "missing", message: "is required" },
    ]);
    expect(error).toMatchObject({
      code: "MissingParameter",
      statusCode: 400,
      message: "WorkspaceId is required",
    });
    expect(
      issuesToApiError([{ path: ["Image", "Name"], code: "invalid", message: "must match x" }])
        .message,
    ).toBe("Image.Name: must match x");
  });
});

describe("ids", () => {
  it("makes image ids of image- plus 18 alphanumerics and uppercase GUID request ids", () => {
    expect(newImageId()).toMatch(/^image-[A-Za-z0-9]{18}$/);
    expect(newRequestId()).toMatch(/^[0-9A-F-]{36}$/);
  });
});

describe("checkOptions", () => {
  it("names the bad option and never echoes a secret", () => {
    expect(() => checkOptions({ dataDir: "d", port: 70_000 })).toThrow(/^local-pai: port: /);
    try {
      checkOptions({ dataDir: "d", accessKeys: [{ accessKeyId: "id", accessKeySecret: 42 }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: "LOCAL_PAI_CONFIG",
        field: "accessKeys.0.accessKeySecret",
      });
    }
    expect(() => checkOptions({ dataDir: "d", concurrency: 2 })).not.toThrow();
  });
});
