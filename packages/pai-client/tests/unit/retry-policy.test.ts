/** The retry policy: what is retryable, backoff, retry-after hints and error mapping. */
import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../../src/pai-error.ts";
import {
  backoffDelayMs,
  isRetryableError,
  isRetryableResponse,
  retryAfterMsFromHeaders,
} from "../../src/retry-policy.ts";

describe("isRetryableResponse", () => {
  it.each([
    [503, "ServiceUnavailable", true],
    [500, "InternalError", true],
    [502, "Http502", true],
    [400, "Throttling", true],
    [400, "Throttling.User", true],
    [400, "Rejected.Throttling", true],
    [429, "TooManyRequests", true],
    [400, "InvalidParameter", false],
    [400, "IdempotentParameterMismatch", false],
    [404, "NotFound", false],
    [403, "Forbidden.RAM", false],
  ])("%i %s → %s", (statusCode, code, expected) => {
    expect(isRetryableResponse({ statusCode, code })).toBe(expected);
  });
});

describe("isRetryableError", () => {
  it.each([
    [{ code: "Throttling.User" }, true],
    [{ code: "Rejected.Throttling" }, true],
    [{ code: "ServiceUnavailable" }, true],
    [{ code: "ECONNRESET" }, true],
    [{ code: "NetworkError" }, true],
    [{ statusCode: 503 }, true],
    [{ statusCode: 429, code: "TooManyRequests" }, true],
    [{ code: "InvalidParameter", statusCode: 400 }, false],
    [{ code: "Throttling.User", retryable: false }, false],
    [{ code: "InvalidParameter", retryable: true }, true],
    ["Throttling", false],
    [null, false],
  ])("%j → %s", (error, expected) => {
    expect(isRetryableError(error)).toBe(expected);
  });

  it("agrees with the flag PaiError sets from a response", () => {
    const error = errorFromResponse({
      action: "ListImages",
      statusCode: 400,
      text: JSON.stringify({ Code: "Throttling.Api", Message: "slow down" }),
    });
    expect(isRetryableError(error)).toBe(true);
    expect(isRetryableError({ code: error.code, statusCode: error.statusCode })).toBe(true);
  });
});

describe("backoffDelayMs", () => {
  it("draws from [0, min(max, base·2^(n-1))]", () => {
    expect(
      backoffDelayMs({ retry: 1, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 }),
    ).toBe(99);
    expect(
      backoffDelayMs({ retry: 4, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 }),
    ).toBe(400);
    expect(
      backoffDelayMs({ retry: 10, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 }),
    ).toBe(999);
    expect(backoffDelayMs({ retry: 3, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0 })).toBe(
      0,
    );
  });
});

describe("retryAfterMsFromHeaders", () => {
  it("reads x-acs-retry-after as milliseconds and Retry-After as seconds or a date", () => {
    expect(retryAfterMsFromHeaders({ "x-acs-retry-after": "1500" })).toBe(1500);
    expect(retryAfterMsFromHeaders({ "x-acs-retry-after": "0", "retry-after": "2" })).toBe(2000);
    expect(retryAfterMsFromHeaders({ "x-acs-retry-after": "soon" })).toBeUndefined();
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMsFromHeaders({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }, now)).toBe(
      3000,
    );
    expect(retryAfterMsFromHeaders({})).toBeUndefined();
  });
});

describe("errorFromResponse", () => {
  it("reads a lower-case JSON envelope", () => {
    const error = errorFromResponse({
      action: "GetJob",
      statusCode: 404,
      text: '{"code":"NotFound","message":"no job","requestId":"r1"}',
    });
    expect(error).toMatchObject({ code: "NotFound", requestId: "r1", retryable: false });
    expect(error.message).toBe("GetJob failed (HTTP 404): NotFound: no job [request id r1]");
  });

  it("reads a text body and falls back to the header request id", () => {
    const error = errorFromResponse({
      action: "ListImages",
      statusCode: 502,
      text: "<html>Bad Gateway</html>\n",
      headerRequestId: "hdr-1",
    });
    expect(error).toMatchObject({ code: "Http502", requestId: "hdr-1", retryable: true });
    expect(error.message).toBe(
      "ListImages failed (HTTP 502): Http502: <html>Bad Gateway</html> [request id hdr-1]",
    );
  });

  it("uses the status when the body is empty", () => {
    expect(errorFromResponse({ action: "A", statusCode: 500, text: "" }).message).toBe(
      "A failed (HTTP 500): Http500: HTTP 500",
    );
  });
});
