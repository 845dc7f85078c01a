/** GitHub signature and shared-token known-answer tests. */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyGithubSignature } from "../../src/webhooks/verify-github-signature.ts";
import { verifyToken } from "../../src/webhooks/verify-token.ts";

// GitHub's documented vector (validating-webhook-deliveries).
const SECRET = "It's a Secret to Everybody";
const BODY = Buffer.from("Hello, World!");
const SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

describe("verifyGithubSignature", () => {
  it("accepts GitHub's known-answer vector", () => {
    expect(verifyGithubSignature({ body: BODY, signature: SIGNATURE, secrets: [SECRET] })).toBe(
      true,
    );
  });

  it("accepts any of several secrets (rotation), in any order", () => {
    expect(
      verifyGithubSignature({ body: BODY, signature: SIGNATURE, secrets: ["old", SECRET] }),
    ).toBe(true);
    expect(
      verifyGithubSignature({ body: BODY, signature: SIGNATURE, secrets: [SECRET, "new"] }),
    ).toBe(true);
  });

  it("rejects a wrong secret, a changed body, a missing or malformed header", () => {
    expect(verifyGithubSignature({ body: BODY, signature: SIGNATURE, secrets: ["wrong"] })).toBe(
      false,
    );
    expect(
      verifyGithubSignature({
        body: Buffer.from("Hello, World?"),
        signature: SIGNATURE,
        secrets: [SECRET],
      }),
    ).toBe(false);
    expect(verifyGithubSignature({ body: BODY, signature: undefined, secrets: [SECRET] })).toBe(
      false,
    );
    expect(
      verifyGithubSignature({ body: BODY, signature: SIGNATURE.slice(0, -2), secrets: [SECRET] }),
    ).toBe(false);
    expect(
      verifyGithubSignature({
        body: BODY,
        signature: SIGNATURE.replace("sha256=", "sha1="),
        secrets: [SECRET],
      }),
    ).toBe(false);
    expect(
      verifyGithubSignature({ body: BODY, signature: `${SIGNATURE}00`, secrets: [SECRET] }),
    ).toBe(false);
  });

  it("rejects everything when no secret is configured (empty secrets are skipped)", () => {
    const empty = `sha256=${createHmac("sha256", "").update(BODY).digest("hex")}`;
    expect(verifyGithubSignature({ body: BODY, signature: empty, secrets: [""] })).toBe(false);
    expect(verifyGithubSignature({ body: BODY, signature: SIGNATURE, secrets: [] })).toBe(false);
  });

  it("verifies the exact bytes, e.g. non-ASCII bodies", () => {
    const body = Buffer.from('{"message":"héllo ✓"}', "utf8");
    const signature = `sha256=${createHmac("sha256", "s3cret").update(body).digest("hex")}`;
    expect(verifyGithubSignature({ body, signature, secrets: ["s3cret"] })).toBe(true);
  });
});

describe("verifyToken", () => {
  it("accepts an equal token from a list, rejects others", () => {
    expect(verifyToken({ token: "tok-2", secrets: ["tok-1", "tok-2"] })).toBe(true);
    expect(verifyToken({ token: "tok-3", secrets: ["tok-1", "tok-2"] })).toBe(false);
    expect(verifyToken({ token: "tok-", secrets: ["tok-1"] })).toBe(false);
    expect(verifyToken({ token: undefined, secrets: ["tok-1"] })).toBe(false);
    expect(verifyToken({ token: "", secrets: [""] })).toBe(false);
  });
});
