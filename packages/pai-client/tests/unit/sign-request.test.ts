/** signRequest known answers and defaults. */
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/sha256-hex.ts";
import { formatAcsDate, signRequest } from "../../src/sign-request.ts";
import {
  AIWORKSPACE_HOST,
  C1_BODY,
  OFFICIAL_CANONICAL_REQUEST,
  OFFICIAL_CREDENTIALS,
  VECTOR_DATE,
  VECTOR_NONCE,
} from "../fixtures/signing-vectors.ts";

const fixed = { credentials: OFFICIAL_CREDENTIALS, date: VECTOR_DATE, nonce: VECTOR_NONCE };
const aiworkspace = (action: string) => ({ "x-acs-action": action, "x-acs-version": "2021-02-04" });

describe("signRequest known answers", () => {
  it("reproduces the official V3 vector", () => {
    const signed = signRequest({
      ...fixed,
      method: "POST",
      host: "ecs.cn-shanghai.aliyuncs.com",
      path: "/",
      query: {
        ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
        RegionId: "cn-shanghai",
      },
      headers: { "x-acs-action": "RunInstances", "x-acs-version": "2014-05-26" },
    });
    expect(signed.canonicalRequest).toBe(OFFICIAL_CANONICAL_REQUEST);
    expect(signed.stringToSign).toBe(
      "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
    );
    expect(signed.signature).toBe(
      "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    );
    expect(signed.headers.authorization).toBe(
      "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    );
  });

  it("c1: CreateImageBuild with a JSON body and ClientToken", () => {
    const signed = signRequest({
      ...fixed,
      method: "POST",
      host: AIWORKSPACE_HOST,
      path: "/api/v1/imagebuilds",
      query: { ClientToken: "123e4567-e89b-12d3-a456-426655440000" },
      headers: {
        "content-type": "application/json; charset=utf-8",
        ...aiworkspace("CreateImageBuild"),
      },
      body: C1_BODY,
    });
    expect(sha256Hex(C1_BODY)).toBe(
      "242d13bc92df451eb0aed37c76d50223f39f3913eaafa07e5845dde703b4d675",
    );
    expect(signed.headers["x-acs-content-sha256"]).toBe(sha256Hex(C1_BODY));
    expect(sha256Hex(signed.canonicalRequest)).toBe(
      "be9cdc954d6e5ec35916b723632dbec0a993aca787d35490cb0b8ebafe416cbe",
    );
    expect(signed.headers.authorization).toContain(
      "SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,",
    );
    expect(signed.signature).toBe(
      "1093b0bccfe1745e7f352c664cb129a2cfc6680a66b32fe76e8ce4d317a20623",
    );
  });

  it("c2: the STS variant adds and signs x-acs-accesskey-id and x-acs-security-token", () => {
    const signed = signRequest({
      ...fixed,
      credentials: {
        accessKeyId: "STS.YourAccessKeyId",
        accessKeySecret: "YourAccessKeySecret",
        securityToken: "YourSecurityToken",
      },
      method: "POST",
      host: AIWORKSPACE_HOST,
      path: "/api/v1/imagebuilds",
      query: { ClientToken: "123e4567-e89b-12d3-a456-426655440000" },
      headers: {
        "content-type": "application/json; charset=utf-8",
        ...aiworkspace("CreateImageBuild"),
      },
      body: C1_BODY,
    });
    expect(signed.headers["x-acs-accesskey-id"]).toBe("STS.YourAccessKeyId");
    expect(signed.headers["x-acs-security-token"]).toBe("YourSecurityToken");
    expect(signed.headers.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=STS\.YourAccessKeyId,SignedHeaders=content-type;host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,/,
    );
    expect(signed.signature).toBe(
      "63ce461c4c3c476e8d06167156fcdb58dc9b1f6ab9ddc75d9b633a41fa3325b6",
    );
  });

  it("c3: ListImages encodes =, comma, space and * in query values", () => {
    const signed = signRequest({
      ...fixed,
      method: "GET",
      host: AIWORKSPACE_HOST,
      path: "/api/v1/images",
      query: {
        WorkspaceId: "12345",
        Labels: "system.official=false,system.chipType=GPU",
        Verbose: "true",
        PageNumber: "1",
        PageSize: "20",
        Name: "my image*",
      },
      headers: aiworkspace("ListImages"),
    });
    expect(signed.canonicalRequest.split("\n")[2]).toBe(
      "Labels=system.official%3Dfalse%2Csystem.chipType%3DGPU&Name=my%20image%2A&PageNumber=1&PageSize=20&Verbose=true&WorkspaceId=12345",
    );
    expect(sha256Hex(signed.canonicalRequest)).toBe(
      "dd2ebde2f5b4980b3b6e298c83b3f0ad7a1dce8c9a4aa346a3ab1dcf8dddfa05",
    );
    expect(signed.signature).toBe(
      "6b7979a10e067be56db71baff7aba3e7b79ff2061da4ccae541526da148c5691",
    );
  });

  it("c4: GetImage with the id in the path", () => {
    const signed = signRequest({
      ...fixed,
      method: "GET",
      host: AIWORKSPACE_HOST,
      path: "/api/v1/images/image-abc123",
      query: "Verbose=true",
      headers: aiworkspace("GetImage"),
    });
    expect(signed.signature).toBe(
      "0090a7c480de9af1c38f98126d3babf55439dafb37233d3e178b12facd467047",
    );
  });
});

describe("signRequest defaults", () => {
  it("formats x-acs-date without milliseconds", () => {
    expect(formatAcsDate(new Date("2026-01-02T03:04:05.678Z"))).toBe("2026-01-02T03:04:05Z");
  });

  it("uses a fresh random nonce each call and never puts the secret in a header", () => {
    const options = {
      method: "GET",
      host: "127.0.0.1:7070",
      path: "/api/v1/images",
      credentials: { accessKeyId: "id", accessKeySecret: "super-secret-value" },
    };
    const a = signRequest(options);
    const b = signRequest(options);
    expect(a.headers["x-acs-signature-nonce"]).toMatch(/^[0-9a-f]{32}$/);
    expect(a.headers["x-acs-signature-nonce"]).not.toBe(b.headers["x-acs-signature-nonce"]);
    expect(JSON.stringify(a.headers)).not.toContain("super-secret-value");
  });
});
