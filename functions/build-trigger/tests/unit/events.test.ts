/** Event recognition, safe OSS keys and locations, timer payloads, header lookup. */
import { describe, expect, it } from "vitest";
import { decodeObjectKey, rejectOssLocation, rejectSpecKey } from "../../src/events/oss.ts";
import { parseTimerPayload } from "../../src/events/timer.ts";
import { headerValue } from "../../src/headers.ts";
import { recognizeEvent } from "../../src/recognize-event.ts";
import { httpEvent, ossEvent, timerEvent } from "../fixtures/events.ts";

describe("recognizeEvent", () => {
  it("tells the three trigger events apart from a Buffer", () => {
    expect(recognizeEvent(Buffer.from(JSON.stringify(httpEvent({ body: "{}" })))).source).toBe(
      "http",
    );
    expect(
      recognizeEvent(Buffer.from(JSON.stringify(ossEvent({ key: "specs/a/1.0.yaml" })))).source,
    ).toBe("oss");
    expect(recognizeEvent(Buffer.from(JSON.stringify(timerEvent({})))).source).toBe("timer");
  });

  it("names the bad field of an event it almost recognised", () => {
    const bad = { ...timerEvent({}), triggerTime: "yesterday" };
    expect(() => recognizeEvent(Buffer.from(JSON.stringify(bad)))).toThrow(
      /event: triggerTime: must match/,
    );
    const oss = ossEvent({ key: "specs/a/1.0.yaml" });
    (oss.events[0] as { eventSource: string }).eventSource = "acs:mns";
    expect(() => recognizeEvent(oss)).toThrow(/events\.0\.eventSource/);
    expect(() => recognizeEvent(Buffer.from("not json"))).toThrow(/not JSON/);
    expect(() => recognizeEvent({ hello: 1 })).toThrow(/not an HTTP, OSS or timer/);
  });
});

describe("OSS keys", () => {
  it("decodes percent-encoded keys and leaves bad encodings alone", () => {
    expect(decodeObjectKey("specs/a%20b/1.0.yaml")).toBe("specs/a b/1.0.yaml");
    expect(decodeObjectKey("specs/a%zz/1.0.yaml")).toBe("specs/a%zz/1.0.yaml");
    expect(decodeObjectKey("specs/%E4%B8%AD/1.yaml")).toBe("specs/中/1.yaml");
  });

  it("rejects keys outside the prefix, not yaml, with .. or empty segments", () => {
    expect(rejectSpecKey({ key: "specs/a/1.0.yaml", prefix: "specs/" })).toBeUndefined();
    expect(rejectSpecKey({ key: "other/a/1.0.yaml", prefix: "specs/" })).toMatch(/outside/);
    expect(rejectSpecKey({ key: "specs/a/1.0.json", prefix: "specs/" })).toMatch(/\.yaml/);
    expect(rejectSpecKey({ key: "specs/../x/1.0.yaml", prefix: "specs/" })).toMatch(/\.\./);
    expect(rejectSpecKey({ key: "specs//1.0.yaml", prefix: "specs/" })).toMatch(/empty/);
    expect(rejectSpecKey({ key: "specs/a\\b/1.0.yaml", prefix: "specs/" })).toMatch(/backslash/);
  });

  it("rejects a bucket or region that could move the signed request to another host", () => {
    expect(rejectOssLocation({ bucket: "specs-bucket", region: "cn-hangzhou" })).toBeUndefined();
    expect(rejectOssLocation({ bucket: "b01", region: "cn-shanghai-finance-1" })).toBeUndefined();
    for (const bucket of ["evil.example.com#", "a@evil.example", "UPPER", "x", "-bad-", "a/b"])
      expect(rejectOssLocation({ bucket, region: "cn-hangzhou" })).toMatch(/^oss\.bucket\.name: /);
    for (const region of ["x@evil.example#", "cn-hangzhou.evil.example", "", "cn_hangzhou"])
      expect(rejectOssLocation({ bucket: "specs-bucket", region })).toMatch(/^region: /);
  });
});

describe("timer payload", () => {
  it("defaults to scheduled and requires glob for glob", () => {
    expect(parseTimerPayload(undefined)).toEqual({ select: "scheduled" });
    expect(parseTimerPayload('{"select":"glob","glob":"specs/**"}').glob).toBe("specs/**");
    expect(() => parseTimerPayload('{"select":"glob"}')).toThrow(/payload\.glob/);
    expect(parseTimerPayload('{"select":"base-change"}')).toEqual({ select: "base-change" });
    expect(() => parseTimerPayload('{"selct":"glob"}')).toThrow(/payload/);
    expect(() => parseTimerPayload("{")).toThrow(/payload: is not JSON/);
  });
});

describe("headerValue", () => {
  it("looks headers up whatever their case", () => {
    const headers = { "X-Hub-Signature-256": "a", "x-github-event": "push" };
    expect(headerValue(headers, "x-hub-signature-256")).toBe("a");
    expect(headerValue(headers, "X-GitHub-Event")).toBe("push");
    expect(headerValue(headers, "x-missing")).toBeUndefined();
  });
});
