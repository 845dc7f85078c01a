/** The edit-distance helper behind "did you mean". */
import { describe, expect, it } from "vitest";
import { closest, didYouMean, editDistance } from "../../src/did-you-mean.ts";

describe("did you mean", () => {
  it("counts insertions, deletions, substitutions and neighbour swaps as one edit", () => {
    expect(editDistance("prd", "prod")).toBe(1);
    expect(editDistance("sttaus", "status")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests the nearest close name, nothing for a far one", () => {
    expect(closest("prd", ["local", "prod"])).toBe("prod");
    expect(closest("LOCAL", ["local", "prod"])).toBe("local");
    expect(closest("zzzz", ["local", "prod"])).toBeUndefined();
    expect(didYouMean("biuld", ["build", "builds"])).toBe('; did you mean "build"?');
    expect(didYouMean("x", ["build"])).toBe("");
  });
});
