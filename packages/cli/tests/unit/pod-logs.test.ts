/** unseenLines: the new lines of a re-read log, counted or aligned. */
import { describe, expect, it } from "vitest";
import { unseenLines } from "../../src/pod-logs.ts";

describe("unseenLines", () => {
  it("counts when the printed lines are the whole log so far", () => {
    expect(unseenLines({ printed: ["a", "b"], fetched: ["a", "b", "c"], exact: true })).toEqual([
      "c",
    ]);
  });

  it("aligns when the first read was a tail or the read is a full window", () => {
    // printed is the tail of a longer log; the new read starts at its first line.
    expect(
      unseenLines({ printed: ["c", "d"], fetched: ["a", "b", "c", "d", "e"], exact: false }),
    ).toEqual(["e"]);
    // the window moved past the start of what was printed.
    expect(unseenLines({ printed: ["a", "b", "c"], fetched: ["c", "d"], exact: false })).toEqual([
      "d",
    ]);
    // no overlap: everything is new.
    expect(unseenLines({ printed: ["x"], fetched: ["y", "z"], exact: false })).toEqual(["y", "z"]);
  });
});
