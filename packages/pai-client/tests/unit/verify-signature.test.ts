/** verifySignature and checkAcsDate: accepted requests, each rejection with its code, clock skew. */
import { describe, expect, it } from "vitest";
import { checkAcsDate } from "../../src/check-acs-date.ts";
import { signRequest } from "../../src/sign-request.ts";
import { verifySignature } from "../../src/verify-signature.ts";
import { C1_BODY, OFFICIAL_CREDENTIALS } from "../fixtures/signing-vectors.ts";

const secrets: Record<string, string> = {
  [OFFICIAL_CREDENTIALS.accessKeyId]: OFFICIAL_CREDENTIALS.accessKeySecret,
};
const lookupSecret = (id: string) => secrets[id];

function signed(overrides: Partial<Parameters<typeof signRequest>[0]> = {}) {
  const request = {
    method: "POST",
    host: "127.0.0.1:7070",
    path: "/api/v1/imagebuilds",
    query: { ClientToken: "tok en*" },
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-acs-action": "CreateImageBuild",
      "x-acs-version": "2021-02-04",
    },
    body: C1_BODY,
    credentials: OFFICIAL_CREDENTIALS,
    ...overrides,
  };
  const { headers } = signRequest(request);
  // What a node:http server sees: the encoded path and the raw query string.
  return {
    method: request.method,
    path: request.path,
    query: "ClientToken=tok%20en%2A",
    headers,
    body: request.body,
  };
}

describe("verifySignature", () => {
  it("accepts what signRequest produced and returns the key, date and nonce", () => {
    const request = signed();
    const result = verifySignature({ ...request, lookupSecret });
    expect(result).toMatchObject({
      ok: true,
      accessKeyId: "YourAccessKeyId",
      securityToken: undefined,
    });
    expect(result.ok && result.nonce).toBe(request.headers["x-acs-signature-nonce"]);
  });

  it("accepts an encoded path segment and a URLSearchParams query", () => {
    const { headers } = signRequest({
      method: "GET",
      host: "h",
      path: "/api/v1/images/image%20a",
      credentials: OFFICIAL_CREDENTIALS,
    });
    const result = verifySignature({
      method: "GET",
      path: "/api/v1/images/image%20a",
      query: new URLSearchParams(),
      headers,
      lookupSecret,
    });
    expect(result.ok).toBe(true);
  });

  it("accepts STS requests and a rotated secret list", () => {
    const request = signed({
      credentials: { accessKeyId: "STS.k", accessKeySecret: "new", securityToken: "tok" },
    });
    const result = verifySignature({ ...request, lookupSecret: () => ["old", "new"] });
    expect(result).toMatchObject({ ok: true, accessKeyId: "STS.k", securityToken: "tok" });
  });

  it.each([
    [
      "a changed body",
      (r: ReturnType<typeof signed>) => ({ ...r, body: `${r.body} ` }),
      "SignatureDoesNotMatch",
      /x-acs-content-sha256/,
    ],
    [
      "a changed query",
      (r: ReturnType<typeof signed>) => ({ ...r, query: "ClientToken=other" }),
      "SignatureDoesNotMatch",
      /signature does not match/,
    ],
    [
      "a changed path",
      (r: ReturnType<typeof signed>) => ({ ...r, path: "/api/v1/images" }),
      "SignatureDoesNotMatch",
      /signature/,
    ],
    [
      "a changed method",
      (r: ReturnType<typeof signed>) => ({ ...r, method: "PUT" }),
      "SignatureDoesNotMatch",
      /signature/,
    ],
    [
      "no Authorization",
      (r: ReturnType<typeof signed>) => ({
        ...r,
        headers: { ...r.headers, authorization: undefined },
      }),
      "IncompleteSignature",
      /Authorization header is missing/,
    ],
    [
      "a malformed Authorization",
      (r: ReturnType<typeof signed>) => ({
        ...r,
        headers: { ...r.headers, authorization: "HMAC x" },
      }),
      "IncompleteSignature",
      /must read/,
    ],
    [
      "an unsigned x-acs header",
      (r: ReturnType<typeof signed>) => ({ ...r, headers: { ...r.headers, "x-acs-extra": "1" } }),
      "IncompleteSignature",
      /x-acs-extra header must be signed/,
    ],
    [
      "no x-acs-date",
      (r: ReturnType<typeof signed>) => ({
        ...r,
        headers: { ...r.headers, "x-acs-date": undefined },
      }),
      "IncompleteSignature",
      /x-acs-date/,
    ],
    [
      "a changed header value",
      (r: ReturnType<typeof signed>) => ({
        ...r,
        headers: { ...r.headers, "x-acs-action": "AddImage" },
      }),
      "SignatureDoesNotMatch",
      /signature/,
    ],
  ])("rejects %s", (_label, mutate, code, message) => {
    const result = verifySignature({ ...mutate(signed()), lookupSecret });
    expect(result).toMatchObject({ ok: false, code, statusCode: 400 });
    expect(!result.ok && result.message).toMatch(message);
  });

  it("rejects a request whose host is not signed", () => {
    const request = signed();
    const authorization = request.headers.authorization?.replace("host;", "") ?? "";
    const result = verifySignature({
      ...request,
      headers: { ...request.headers, authorization },
      lookupSecret,
    });
    expect(result).toMatchObject({ ok: false, code: "IncompleteSignature" });
    expect(!result.ok && result.message).toContain("host header must be signed");
  });

  it("rejects an unknown AccessKey ID with 404, naming the id but no secret", () => {
    const result = verifySignature({ ...signed(), lookupSecret: () => undefined });
    expect(result).toEqual({
      ok: false,
      code: "InvalidAccessKeyId.NotFound",
      statusCode: 404,
      message: "the AccessKey ID YourAccessKeyId is not known",
    });
  });

  it("rejects an x-acs-accesskey-id that disagrees with the Credential", () => {
    const request = signed({
      credentials: { accessKeyId: "STS.a", accessKeySecret: "s", securityToken: "t" },
    });
    const headers = { ...request.headers, "x-acs-accesskey-id": "STS.b" };
    const result = verifySignature({ ...request, headers, lookupSecret: () => "s" });
    expect(result).toMatchObject({ ok: false, code: "SignatureDoesNotMatch" });
  });
});

describe("checkAcsDate", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  it("accepts 14 minutes of skew and rejects 16", () => {
    expect(checkAcsDate({ value: "2026-01-01T12:14:00Z", now }).ok).toBe(true);
    expect(checkAcsDate({ value: "2026-01-01T11:44:00Z", now })).toMatchObject({
      ok: false,
      code: "InvalidTimeStamp.Expired",
    });
  });
  it("rejects other formats", () => {
    expect(checkAcsDate({ value: "2026-01-01T12:00:00.000Z", now })).toMatchObject({
      code: "InvalidTimeStamp.Format",
    });
    expect(checkAcsDate({ value: undefined, now })).toMatchObject({
      code: "InvalidTimeStamp.Format",
    });
  });
});
