/**
 * What the console adds to the local service's start, against the same service without it, in the same run.
 *
 * Two esbuild ESM bundles of packages/local-pai/src/start-service.ts, run with plain node (no
 * transpiler): "with" is the service as shipped; "without" replaces src/console/create-console-handler.ts
 * by a stub that serves nothing, so the console's modules are neither loaded nor set up. Each sample
 * is a fresh `node` process that times, with performance.now(), from before its first import until
 * the service listens on port 0 (SQLite opened and migrated in a new temporary data directory), in
 * unsigned mode and in signed mode (where the console also creates its 0600 token file). Samples
 * alternate with/without; the result is the ratio of medians (goal: at most 1.05x). The first GET /
 * of the "with" side is printed for context.
 *
 * Run: npx tsx bench/local-pai-console-start.ts [samples per side, default 21]
 */
import { execFile } from "node:child_process";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build, type Plugin } from "esbuild";

const SAMPLES = Number(process.argv[2] ?? 21);
const ROOT = resolve(import.meta.dirname, "..");
const run = promisify(execFile);
// Inside node_modules, so the bundles resolve better-sqlite3 (a native addon, left external).
const work = join(ROOT, "node_modules", ".cache", `local-pai-console-bench-${process.pid}`);
await mkdir(work, { recursive: true });

const withoutConsole: Plugin = {
  name: "without-console",
  setup(b) {
    b.onResolve({ filter: /create-console-handler\.ts$/ }, () => ({
      path: "console-stub",
      namespace: "stub",
    }));
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents: "export const createConsoleHandler = () => () => false;",
      loader: "js",
    }));
  },
};
const bundle = async (name: string, plugins: Plugin[]) => {
  const outfile = join(work, `${name}.mjs`);
  await build({
    entryPoints: [join(ROOT, "packages/local-pai/src/start-service.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    external: ["better-sqlite3"],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    plugins,
    logLevel: "error",
  });
  return outfile;
};
const bundles = {
  with: await bundle("with", []),
  without: await bundle("without", [withoutConsole]),
};
const bytes = {
  with: (await stat(bundles.with)).size,
  without: (await stat(bundles.without)).size,
};

type Side = keyof typeof bundles;
type Mode = "unsigned" | "signed";
const childFile = (side: Side, mode: Mode) => join(work, `${side}-${mode}.mjs`);
for (const side of ["with", "without"] as Side[]) {
  for (const mode of ["unsigned", "signed"] as Mode[]) {
    await writeFile(
      childFile(side, mode),
      `const t0 = performance.now();
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const m = await import(${JSON.stringify(pathToFileURL(bundles[side]).href)});
const dataDir = mkdtempSync(join(tmpdir(), "local-pai-console-bench-"));
const service = await m.startService({
  dataDir, port: 0, canPush: async () => ({ ok: true }),
  builder: async () => ({ status: "Succeeded", sizeBytes: 0, digest: "sha256:0" }),
  ${mode === "signed" ? 'accessKeys: [{ accessKeyId: "bench", accessKeySecret: "bench-secret" }],' : ""}
});
const ms = performance.now() - t0;
let pageMs = 0;
let ok = true;
if (${side === "with"}) {
  const p0 = performance.now();
  const res = await fetch(service.url + "/");
  await res.text();
  pageMs = performance.now() - p0;
  ok = res.status === (${mode === "signed"} ? 401 : 200);
}
await service.close();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ ms, pageMs, ok }));
`,
    );
  }
}

async function sample(side: Side, mode: Mode): Promise<{ ms: number; pageMs: number }> {
  const { stdout } = await run(process.execPath, [childFile(side, mode)], { cwd: work });
  const result = JSON.parse(stdout) as { ms: number; pageMs: number; ok: boolean };
  if (!result.ok) throw new Error(`${side} ${mode}: GET / did not answer as expected`);
  return result;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

console.log(
  `local-pai start with vs without the console: ${SAMPLES} fresh node processes per side and mode, alternating`,
);
console.log(
  `bundles of src/start-service.ts: with ${(bytes.with / 1024).toFixed(0)} KiB, without ${(bytes.without / 1024).toFixed(0)} KiB (+${((bytes.with - bytes.without) / 1024).toFixed(1)} KiB)\n`,
);
try {
  for (const mode of ["unsigned", "signed"] as Mode[]) {
    await sample("with", mode);
    await sample("without", mode);
    const times: Record<Side, number[]> = { with: [], without: [] };
    const pages: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const order: Side[] = i % 2 === 0 ? ["with", "without"] : ["without", "with"];
      for (const side of order) {
        const { ms, pageMs } = await sample(side, mode);
        times[side].push(ms);
        if (side === "with") pages.push(pageMs);
      }
    }
    const withMs = median(times.with);
    const withoutMs = median(times.without);
    console.log(`${mode.padEnd(8)} import + open SQLite + listen on port 0`);
    console.log(
      `         median ratio with/without console = ${(withMs / withoutMs).toFixed(3)}x  (goal <= 1.05x)`,
    );
    console.log(
      `         (medians for context only: with ${withMs.toFixed(1)} ms, without ${withoutMs.toFixed(1)} ms; first GET / ${median(pages).toFixed(1)} ms)\n`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
