/** Bundles the handler into one minified ESM file for the Function Compute nodejs20 runtime (dist/index.mjs). */
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** `--outfile <path>` (tests bundle into a temp folder); default dist/index.mjs, what s.yaml deploys. */
const outfileFlag = process.argv.indexOf("--outfile");
const OUT_FILE = path.resolve(
  outfileFlag > 0
    ? (process.argv[outfileFlag + 1] ?? "")
    : path.join(PACKAGE_DIR, "dist", "index.mjs"),
);
/** `--metafile <path>` writes esbuild's input/output size breakdown there. */
const metaFlag = process.argv.indexOf("--metafile");

const SHIM = path.join(PACKAGE_DIR, "scripts", "undici-fetch-shim.ts");
const CORE_SHIMS = path.join(PACKAGE_DIR, "scripts", "core-fast-path-shims.ts");

/**
 * Two substitutions that only the bundle makes (see docs/decisions/build-trigger-bundle.md):
 * undici's Agent and request → a fetch-based stand-in; zod's locale table → English only (zod's
 * default, the only one used), since `export * as locales` defeats tree-shaking (~260 KB).
 */
const trim: Plugin = {
  name: "trim",
  setup(builder) {
    builder.onResolve(
      { filter: /^undici\/lib\/(dispatcher\/agent|api\/api-request)\.js$/ },
      (args) => ({
        path: args.path,
        namespace: "undici-shim",
      }),
    );
    builder.onLoad({ filter: /.*/, namespace: "undici-shim" }, (args) => ({
      contents: args.path.includes("agent")
        ? `export { Agent as default } from ${JSON.stringify(SHIM)};`
        : `export { request as default } from ${JSON.stringify(SHIM)};`,
      resolveDir: PACKAGE_DIR,
      loader: "ts",
    }));
    // Each workspace has its own copy of yaml 2.9.1 (the root's is 2.9.0); bundle one of them.
    builder.onResolve({ filter: /^yaml$/ }, async (args) => {
      if (args.pluginData === "yaml-dedupe") return undefined;
      return builder.resolve("yaml", {
        resolveDir: PACKAGE_DIR,
        kind: args.kind,
        pluginData: "yaml-dedupe",
      });
    });
    // core's ajv fast path and js-yaml loader: see scripts/core-fast-path-shims.ts.
    builder.onResolve({ filter: /^(ajv\/dist\/2020\.js|js-yaml)$/ }, () => ({ path: CORE_SHIMS }));
    builder.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? { path: path.join(path.dirname(args.importer), args.path), namespace: "zod-locales" }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), "en.js"))};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

await mkdir(path.dirname(OUT_FILE), { recursive: true });
const result = await build({
  entryPoints: [path.join(PACKAGE_DIR, "src", "fc-entry.ts")],
  outfile: OUT_FILE,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: true,
  // One file: the dynamic import()s of the per-event handlers stay lazy module initialisers, so an
  // HTTP event never evaluates the OSS signer or the cron parser, and the reverse.
  splitting: false,
  legalComments: "none",
  metafile: true,
  plugins: [trim],
  // CommonJS dependencies (undici) call require() for Node built-ins; give the ESM bundle one.
  banner: {
    js: 'import{createRequire as __cr}from"node:module";const require=__cr(import.meta.url);',
  },
  logLevel: "warning",
});
if (metaFlag > 0)
  await writeFile(path.resolve(process.argv[metaFlag + 1] ?? ""), JSON.stringify(result.metafile));
const { size } = await stat(OUT_FILE);
process.stdout.write(
  `bundle: ${path.relative(process.cwd(), OUT_FILE)} ${(size / 1024).toFixed(1)} KiB\n`,
);
