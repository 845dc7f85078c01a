/** Which errors make an async invocation fail so Function Compute retries it. */
import { describe, expect, it } from "vitest";
import { isRetryable, RetryableBuildError, throwIfRetryable } from "../../src/errors.ts";

describe("isRetryable", () => {
  it.each([
    [{ code: "Throttling.User" }, true],
    [{ code: "Rejected.Throttling" }, true],
    [{ code: "ServiceUnavailable" }, true],
    [{ statusCode: 503 }, true],
    [{ code: "InvalidParameter", statusCode: 400 }, false],
    [{ code: "Throttling.User", retryable: false }, false],
    ["Throttling", false],
  ])("%j → %s", (error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe("throwIfRetryable", () => {
  it("throws naming the retryable failures only", () => {
    const results = [
      { file: "specs/a/1.0.yaml", status: "failed", error: { retryable: true } },
      { file: "specs/b/1.0.yaml", status: "failed", error: { retryable: false } },
      { file: "specs/c/1.0.yaml", status: "submitted" },
    ];
    expect(() => throwIfRetryable(results)).toThrow(RetryableBuildError);
    expect(() => throwIfRetryable(results)).toThrow("retryable failures: specs/a/1.0.yaml");
  });

  it("returns when nothing can be retried", () => {
    expect(() =>
      throwIfRetryable([
        { file: "specs/b/1.0.yaml", status: "failed", error: { retryable: false } },
      ]),
    ).not.toThrow();
  });
});
