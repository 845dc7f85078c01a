/** Known-answer tests of the chat signatures (values computed independently with Python's hmac). */
import { describe, expect, it } from "vitest";
import { signDingtalk } from "../../src/report/chat/sign-dingtalk.ts";
import { signLark } from "../../src/report/chat/sign-lark.ts";
import { statusContext } from "../../src/report/commit-status.ts";

describe("chat signatures", () => {
  it("DingTalk: HmacSHA256(secret, timestamp + \\n + secret), base64, URL-encoded", () => {
    expect(signDingtalk({ timestampMs: 1700000000000, secret: "SEC0123456789abcdef" })).toBe(
      "TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D",
    );
  });
  it("Lark: HmacSHA256 keyed by timestamp + \\n + secret over nothing, base64", () => {
    expect(signLark({ timestampSeconds: 1700000000, secret: "lark-secret-for-tests" })).toBe(
      "4XmszuWgLav9NJukmqGrf+AK+RlfeH1ViMiS8788XQc=",
    );
  });
  it("a status context is imagebuild/<image>:<tag>", () => {
    expect(statusContext("specs/busybox-hello/1.0.0.yaml")).toBe("imagebuild/busybox-hello:1.0.0");
  });
});
