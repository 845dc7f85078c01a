/** The bundle's code-point count agrees with ajv's `ucs2length` on any UTF-16 string, lone surrogates included. */
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { default: countCodePoints } = require("../../scripts/count-code-points.cjs") as {
  default: (text: string) => number;
};
const { default: ucs2length } = require("ajv/dist/runtime/ucs2length.js") as {
  default: (text: string) => number;
};

describe("countCodePoints", () => {
  it("counts code points as ajv does", () => {
    for (const [text, expected] of [
      ["", 0],
      ["FROM debian:bookworm", 20],
      ["é€", 2],
      ["a\u{1F600}b", 3],
      ["\uD83D", 1],
      ["\uDE00\uD83D", 2],
      ["x\uD83D\uDE00\uD83D", 3],
    ] as const) {
      expect(countCodePoints(text), JSON.stringify(text)).toBe(expected);
      expect(ucs2length(text)).toBe(expected);
    }
  });

  it("agrees with ajv's ucs2length on arbitrary UTF-16 units", () => {
    const units = fc.array(
      fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff })),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(units, (codes) => {
        const text = String.fromCharCode(...codes);
        expect(countCodePoints(text)).toBe(ucs2length(text));
      }),
    );
  });
});
