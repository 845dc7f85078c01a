/** Regenerates the lint rules table in README.md from src/rules; with --check, fails when the README differs. */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../src/rules/index.ts";

const PACKAGE_DIR = join(import.meta.dirname, "..");
const README = join(PACKAGE_DIR, "README.md");
const START =
  "<!-- GENERATED from src/rules, DO NOT EDIT, regenerate with `npm run generate -w @imagebuild/core` -->";
const END = "<!-- END GENERATED rules -->";

const rows = Object.values(RULES).map(
  (rule) => `| \`${rule.id}\` | ${rule.severities.join(", ")} | ${rule.description} |`,
);
const table = ["| rule id | severity | what it checks |", "| --- | --- | --- |", ...rows].join(
  "\n",
);

const current = readFileSync(README, "utf8");
const begin = current.indexOf(START);
const end = current.indexOf(END);
if (begin === -1 || end < begin) {
  console.error(`packages/core/README.md: the markers ${START} … ${END} are missing`);
  process.exit(1);
}
const next = format(`${current.slice(0, begin)}${START}\n\n${table}\n\n${current.slice(end)}`);

if (process.argv.includes("--check")) {
  if (next !== current) {
    console.error(
      "generated code is out of date: packages/core/README.md (the lint rules table)\nrun: npm run generate -w @imagebuild/core",
    );
    process.exit(1);
  }
  console.log("generated code is up to date");
} else {
  writeFileSync(README, next);
  console.log(`wrote the table of ${rows.length} rules to packages/core/README.md`);
}

// biome aligns Markdown tables; format the whole file so `format-check` and this check agree.
function format(source: string): string {
  return execFileSync("npx", ["biome", "format", "--stdin-file-path=README.md"], {
    input: source,
    encoding: "utf8",
    cwd: PACKAGE_DIR,
  });
}
