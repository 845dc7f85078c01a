/** A corpus of bad specs, each with the exact message it must produce. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, loadSpecs, memorySource } from "../../src/index.ts";

const CORPUS_DIR = path.join(import.meta.dirname, "../fixtures/bad-specs");
const SHARED_DEFAULTS = readFileSync(
  path.join(import.meta.dirname, "../fixtures/lints/_defaults.yaml"),
  "utf8",
);
const CASES = readdirSync(CORPUS_DIR)
  .filter((name) => name.endsWith(".yaml"))
  .sort();

/** Each case's first two lines: `# path: <where it is placed>` and `# expect: <one problem line>`. */
function readCase(name: string) {
  const text = readFileSync(path.join(CORPUS_DIR, name), "utf8");
  const [pathLine = "", expectLine = ""] = text.split("\n");
  return {
    text,
    file: pathLine.replace(/^# path: /, ""),
    expected: expectLine.replace(/^# expect: /, ""),
  };
}

describe("a corpus of bad specs, each with its expected message", () => {
  it("has at least 30 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  for (const name of CASES) {
    it(name, async () => {
      const { text, file, expected } = readCase(name);
      const source = memorySource({ "specs/_defaults.yaml": SHARED_DEFAULTS, [file]: text });
      const { specs, problems } = await loadSpecs({ source });
      const lines = problems.map(formatProblem);
      if (process.env.UPDATE_GOLDEN === "1" && expected === "TODO") {
        const updated = text.replace("# expect: TODO", `# expect: ${lines[0] ?? "(none)"}`);
        writeFileSync(path.join(CORPUS_DIR, name), updated);
        return;
      }
      expect(lines).toContain(expected);
      const blocking = problems.some((p) => p.severity === "error");
      if (blocking) expect(specs.map((s) => s.file)).not.toContain(file);
    });
  }
});
