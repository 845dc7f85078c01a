/** Every registered lint rule has a passing and a failing fixture. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  directorySource,
  formatProblem,
  loadSpecs,
  memorySource,
  RULES,
  type SpecSource,
} from "../../src/index.ts";

const LINTS_DIR = path.join(import.meta.dirname, "../fixtures/lints");
const SHARED_DEFAULTS = readFileSync(path.join(LINTS_DIR, "_defaults.yaml"), "utf8");
const FIXTURE_RULES = readdirSync(LINTS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The fixture's files under specs/, plus the shared defaults when it has none of its own. */
async function fixtureSource(dir: string, sub = ""): Promise<SpecSource> {
  const disk = directorySource(path.join(dir, sub));
  const files: Record<string, string> = {};
  for (const file of await disk.listFiles("specs")) files[file] = (await disk.readFile(file)) ?? "";
  files["specs/_defaults.yaml"] ??= SHARED_DEFAULTS;
  return memorySource(files, `fixture ${path.relative(LINTS_DIR, path.join(dir, sub))}`);
}

async function lint(dir: string) {
  const optionsFile = path.join(dir, "options.json");
  const options = existsSync(optionsFile)
    ? (JSON.parse(readFileSync(optionsFile, "utf8")) as { env?: string })
    : {};
  const baseSource = existsSync(path.join(dir, "base"))
    ? await fixtureSource(dir, "base")
    : undefined;
  return loadSpecs({
    source: await fixtureSource(dir),
    ...options,
    ...(baseSource ? { baseSource } : {}),
  });
}

describe("lint rules: a passing and a failing fixture each", () => {
  it("has a fixture for every registered rule and a registered rule for every fixture", () => {
    expect(FIXTURE_RULES).toEqual(Object.keys(RULES).sort());
    expect(FIXTURE_RULES.length).toBeGreaterThanOrEqual(14);
  });

  it("names files that really emit each rule", () => {
    for (const rule of Object.values(RULES)) {
      expect(rule.checkedIn.length, rule.id).toBeGreaterThan(0);
      for (const file of rule.checkedIn) {
        const text = readFileSync(path.join(import.meta.dirname, "../..", file), "utf8");
        expect(text, `${file} emits ${rule.id}`).toContain(`"${rule.id}"`);
      }
    }
  });

  for (const rule of FIXTURE_RULES) {
    it(`${rule}: the passing fixture has no problem`, async () => {
      const { problems, specs } = await lint(path.join(LINTS_DIR, rule, "pass"));
      // Most fixtures name a base by its tag alone, as most specs do: pin-base-digest counts in its own only.
      const counted = problems.filter((p) => p.ruleId !== "pin-base-digest" || rule === p.ruleId);
      expect(counted.map(formatProblem)).toEqual([]);
      expect(specs.length).toBeGreaterThan(0);
    });

    it(`${rule}: the failing fixture reports it at file:line:col`, async () => {
      const dir = path.join(LINTS_DIR, rule, "fail");
      const { problems } = await lint(dir);
      const lines = problems.filter((p) => p.ruleId === rule).map(formatProblem);
      const expectedFile = path.join(dir, "expected.txt");
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(expectedFile, `${lines.join("\n")}\n`);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines).toEqual(readFileSync(expectedFile, "utf8").trimEnd().split("\n"));
    });
  }
});
