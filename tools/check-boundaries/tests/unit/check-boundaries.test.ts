/** The boundary check on a fixture tree with one violation, and its parts. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkBoundaries } from "../../src/check-boundaries.ts";
import { findImports } from "../../src/find-imports.ts";
import { allowedFor, readArrows } from "../../src/read-arrows.ts";

const TREE = path.join(import.meta.dirname, "../fixtures/tree");

describe("checkBoundaries", () => {
  it("reports the one crossing, as file: imports X, not allowed (arrows: …)", () => {
    expect(checkBoundaries({ root: TREE })).toEqual([
      "packages/tool/src/index.ts: imports @fx/base, not allowed (arrows: tool → nothing)",
    ]);
  });

  it("reports a package.json dependency and a package missing from the arrows", () => {
    const violations = checkBoundaries({ root: TREE, architectureFile: "docs/reversed.md" });
    expect(violations).toContain(
      "packages/app/package.json: imports @fx/base, not allowed (arrows: app → nothing)",
    );
    expect(violations).toContain(
      "packages/tool/package.json: package tool is not in docs/reversed.md's arrows",
    );
  });
});

describe("readArrows and allowedFor", () => {
  it("follows arrows to the end and knows bare names", () => {
    const arrows = readArrows("```boundaries\na <- b\nb <- c # comment\nd\n```");
    expect([...allowedFor(arrows, "c")].sort()).toEqual(["a", "b"]);
    expect([...allowedFor(arrows, "a")]).toEqual([]);
    expect(arrows.has("d")).toBe(true);
  });

  it("names a line it cannot read", () => {
    expect(() => readArrows("```boundaries\na -> b\n```", "x.md")).toThrow(
      'x.md: boundaries line 1: "a -> b" is not "A <- B" or a name',
    );
  });
});

describe("findImports", () => {
  it("finds static, type-only, re-exported and dynamic imports, not comments", () => {
    const source = [
      "/** @example",
      ' * import { x } from "in-doc";',
      " */",
      'import type {\n  A,\n} from "multi-line";',
      'import "side-effect";',
      'export { b } from "./re-export.ts";',
      '// import "commented";',
      'const c = await import("dynamic");',
    ].join("\n");
    expect(findImports(source)).toEqual(["multi-line", "side-effect", "./re-export.ts", "dynamic"]);
  });
});
