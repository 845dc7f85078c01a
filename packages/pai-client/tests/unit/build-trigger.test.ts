/** buildTrigger: every value it makes is a valid BuildTrigger header, and the header stays out of the signature. */
import { validators } from "@imagebuild/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUILD_TRIGGER_HEADER,
  type BuildTriggerKind,
  buildTrigger,
} from "../../src/build-trigger.ts";
import { signRequest } from "../../src/sign-request.ts";
import { verifySignature } from "../../src/verify-signature.ts";
import {
  AIWORKSPACE_HOST,
  C1_BODY,
  OFFICIAL_CREDENTIALS,
  VECTOR_DATE,
  VECTOR_NONCE,
} from "../fixtures/signing-vectors.ts";

const KINDS: BuildTriggerKind[] = ["push", "oss", "timer", "cli"];

describe("buildTrigger", () => {
  it("writes the kind and the detail as they are when they are printable ASCII", () => {
    expect(buildTrigger({ kind: "push", detail: "9fceb02d0ae598e95dc970b74767f19372d61af8" })).toBe(
      "push:9fceb02d0ae598e95dc970b74767f19372d61af8",
    );
    expect(buildTrigger({ kind: "timer", detail: "2026-12-01T00:00:00.000Z" })).toBe(
      "timer:2026-12-01T00:00:00.000Z",
    );
    expect(buildTrigger({ kind: "cli" })).toBe("cli");
    expect(buildTrigger({ kind: "oss", detail: "" })).toBe("oss");
  });

  it("percent-encodes what a header cannot carry, and % itself", () => {
    expect(buildTrigger({ kind: "oss", detail: "specs/数据/1.0.yaml" })).toBe(
      "oss:specs/%E6%95%B0%E6%8D%AE/1.0.yaml",
    );
    expect(buildTrigger({ kind: "oss", detail: " a%b\n" })).toBe("oss:%20a%25b%0A");
    expect(buildTrigger({ kind: "oss", detail: "\ud800" })).toBe("oss:%EF%BF%BD");
  });

  it("cuts a long detail to 256 characters, never inside a character", () => {
    expect(buildTrigger({ kind: "oss", detail: `${"a".repeat(254)}é` })).toBe(
      `oss:${"a".repeat(254)}`,
    );
    expect(buildTrigger({ kind: "oss", detail: `${"a".repeat(250)}éé` })).toBe(
      `oss:${"a".repeat(250)}%C3%A9`,
    );
    expect(buildTrigger({ kind: "oss", detail: "b".repeat(300) })).toBe(`oss:${"b".repeat(256)}`);
  });

  it("always makes a value the BuildTrigger schema accepts", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.string({ unit: "grapheme", maxLength: 400 }),
        (kind, detail) => {
          const value = buildTrigger({ kind, detail });
          expect(validators.BuildTrigger.safeParse(value).ok, value).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe(`${BUILD_TRIGGER_HEADER} and ACS3 signing`, () => {
  const request = {
    method: "POST",
    host: AIWORKSPACE_HOST,
    path: "/api/v1/imagebuilds",
    query: { ClientToken: "123e4567-e89b-12d3-a456-426655440000" },
    body: C1_BODY,
    credentials: OFFICIAL_CREDENTIALS,
    date: VECTOR_DATE,
    nonce: VECTOR_NONCE,
  };
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "x-acs-action": "CreateImageBuild",
    "x-acs-version": "2021-02-04",
  };

  it("is sent but not signed: the c1 known answer is unchanged", () => {
    const plain = signRequest({ ...request, headers });
    const triggered = signRequest({
      ...request,
      headers: { ...headers, [BUILD_TRIGGER_HEADER]: "push:9fceb02" },
    });
    expect(triggered.headers[BUILD_TRIGGER_HEADER]).toBe("push:9fceb02");
    expect(triggered.signature).toBe(plain.signature);
    expect(triggered.headers.authorization).toBe(plain.headers.authorization);
    expect(triggered.headers.authorization).toContain(
      "SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,",
    );
  });

  it("verifies, and still verifies when a proxy drops or changes it", () => {
    const signed = signRequest({
      ...request,
      headers: { ...headers, [BUILD_TRIGGER_HEADER]: "oss:specs/a/1.0.yaml" },
    });
    const verify = (sent: Record<string, string>) =>
      verifySignature({
        method: request.method,
        path: request.path,
        query: request.query,
        headers: sent,
        body: Buffer.from(C1_BODY),
        lookupSecret: () => OFFICIAL_CREDENTIALS.accessKeySecret,
      });
    const { [BUILD_TRIGGER_HEADER]: _dropped, ...without } = signed.headers;
    expect(verify(signed.headers).ok).toBe(true);
    expect(verify(without).ok).toBe(true);
    expect(verify({ ...signed.headers, [BUILD_TRIGGER_HEADER]: "cli" }).ok).toBe(true);
  });
});
