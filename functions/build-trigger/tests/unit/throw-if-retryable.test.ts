/** Which results make an async invocation fail so Function Compute retries it. */
import { describe, expect, it } from "vitest";
import { RetryableBuildError, throwIfRetryable } from "../../src/errors.ts";

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
