/**
 * The cost of reading package entries with core's parsers (PEP 508, conda match specs, apt) against the three
 * schema patterns they replaced, on entries both accept, in the same run; and that cost as a share of
 * validating the specs that hold them (`loadSpecs` on 500 specs of 24 entries each).
 * Prints parsers/patterns per entry and the parsers' share of loadSpecs (goal: under 10%).
 *
 * Run: npx tsx bench/core-package-syntax.ts [entries=200000] [rounds=5]
 */
import {
  loadSpecs,
  memorySource,
  parseAptPackage,
  parseCondaSpec,
  parsePep508,
} from "@imagebuild/core";
import { DEFAULTS_YAML } from "@imagebuild/test-support";

const ENTRIES = Number(process.argv[2] ?? 200_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const SPECS = 500;

// The patterns spec.schema.json held before the parsers (commit 828bc82).
const OLD_PATTERNS = {
  apt: /^[a-z0-9][a-z0-9+.-]{0,127}(=[A-Za-z0-9.+~:-]{1,64})?$/,
  pip: /^[A-Za-z0-9]([A-Za-z0-9._-]{0,127})(\[[A-Za-z0-9._,-]{1,128}\])?((==|>=|<=|~=|!=|<|>)[A-Za-z0-9.*+!-]{1,64})?$/,
  conda: /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(=[A-Za-z0-9.*+_-]{1,64}){0,2}$/,
};
const SAMPLES = {
  apt: [
    "python3",
    "python3-numpy",
    "curl=7.88.1-10+deb12u8",
    "libssl3=3.0.11-1~deb12u2",
    "g++",
    "libcap2=1:2.66-4",
  ],
  pip: [
    "numpy==1.26.4",
    "pandas>=2.2",
    "requests[socks]==2.32.3",
    "torch==2.1.0+cu121",
    "scikit-learn~=1.4",
    "pyyaml",
  ],
  conda: [
    "cudatoolkit=11.8",
    "numpy=1.26.4=py311h64a7726_0",
    "python=3.11",
    "pytorch",
    "mkl=2023.*",
    "libgcc-ng",
  ],
};
const PARSERS = { apt: parseAptPackage, pip: parsePep508, conda: parseCondaSpec };
type Kind = keyof typeof SAMPLES;
const KINDS = Object.keys(SAMPLES) as Kind[];

const entries: { kind: Kind; text: string }[] = [];
for (let n = 0; entries.length < ENTRIES; n += 1) {
  const kind = KINDS[n % KINDS.length] as Kind;
  const list = SAMPLES[kind];
  entries.push({ kind, text: list[Math.floor(n / KINDS.length) % list.length] as string });
}
for (const { kind, text } of entries) {
  if (!OLD_PATTERNS[kind].test(text) || !PARSERS[kind](text).ok)
    throw new Error(`not accepted by both: ${text}`);
}

function time(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const patterns: number[] = [];
const parsers: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  patterns.push(
    time(() => {
      for (const { kind, text } of entries) OLD_PATTERNS[kind].test(text);
    }),
  );
  parsers.push(
    time(() => {
      for (const { kind, text } of entries) PARSERS[kind](text);
    }),
  );
}
const patternNs = (median(patterns) * 1e6) / ENTRIES;
const parserNs = (median(parsers) * 1e6) / ENTRIES;

const files: Record<string, string> = { "specs/_defaults.yaml": DEFAULTS_YAML };
const quoted = (list: string[]) => `[${list.map((e) => JSON.stringify(e)).join(", ")}]`;
for (let n = 0; n < SPECS; n += 1) {
  files[`specs/image-${Math.floor(n / 10)}/1.0.${n % 10}.yaml`] =
    `apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Packages:\n      Base: debian:bookworm\n` +
    `      Apt: ${quoted([...SAMPLES.apt, ...SAMPLES.apt.slice(0, 2)])}\n      Pip: ${quoted([...SAMPLES.pip, ...SAMPLES.pip.slice(0, 2)])}\n` +
    `      Conda: ${quoted([...SAMPLES.conda, ...SAMPLES.conda.slice(0, 2)])}\n`;
}
const loads: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const started = process.hrtime.bigint();
  const { specs, problems } = await loadSpecs({ source: memorySource(files), env: "local" });
  loads.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (problems.length > 0 || specs.length !== SPECS)
    throw new Error(`bad specs: ${problems[0]?.message}`);
}
const parseShare = (parserNs * 24 * SPECS) / 1e6 / median(loads);

console.log(`${ENTRIES} entries (apt, pip, conda in turn), median of ${ROUNDS} rounds`);
console.log(`  schema patterns (baseline): ${patternNs.toFixed(0)} ns/entry`);
console.log(
  `  parsers:                    ${parserNs.toFixed(0)} ns/entry  (${(parserNs / patternNs).toFixed(1)}x the patterns)`,
);
console.log(
  `loadSpecs, ${SPECS} specs of 24 entries: ${median(loads).toFixed(0)} ms; parsing is ${(parseShare * 100).toFixed(1)}% of it`,
);
