/**
 * Builds the CLI bundle (esbuild, one CommonJS script that bin/imagebuild.cjs compiles with V8's
 * code cache, each lazily loaded command evaluated only when run) into dist/bundle-<hash>/ and
 * stamps it, under a lock and atomically, so concurrent first runs neither corrupt nor repeat it.
 * Run directly: `node packages/cli/scripts/build-bundle.mjs [--if-possible]` (the root's `prepare`
 * step passes --if-possible: a failed build is reported and exits 0).
 * See docs/decisions/cli-prebuilt-bundle.md.
 */
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CLI_DIR,
  checkBundle,
  DIST_DIR,
  ENTRY_FILE,
  hashInputs,
  ROOT_DIR,
  STAMP_FILE,
  writeStamp,
} from "./bundle-stamp.cjs";

/** Native addons: loaded from node_modules where they are installed, never bundled. */
const EXTERNAL_PACKAGES = ["better-sqlite3"];
/**
 * The schemas core's fast path compiles with ajv at start (packages/core/src/fast-check-schema.ts),
 * by their export name in packages/schema/src/generated/schemas.ts: compiled here instead.
 */
const PRECOMPILED_SCHEMAS = ["SpecSchema", "CreateImageBuildRequestSchema"];
/** ajv's options there, which the precompiled code must be generated with. */
const AJV_OPTIONS = { strict: false, allErrors: false, validateFormats: false };
/** What `import.meta.url` becomes in the script: the bundle file's URL, as a chunk's was. */
const BUNDLE_URL = "__imagebuildBundleUrl";
/** esbuild's lazy module init, which `traceModuleInits` makes record each module it evaluates. */
const ESM_INIT = "return fn&&(res=(0,fn[__getOwnPropNames(fn)[0]])(fn=0)),res";
const LOCK_FILE = "build.lock";
const LOCK_POLL_MS = 50;
/** A lock older than this is from a build that died without its process exiting (2 min). */
const LOCK_STALE_MS = 120_000;
/**
 * The files whose change means a rebuild besides the bundle's inputs, relative to the root: the
 * lock file, npm's record of the installed tree (an install can change which copy of a package an
 * import resolves to without touching any file the bundle read), this builder, and the compiler
 * of the bundle (V8 checks a code cache against the source's length only, so a changed wrapper
 * must come with a new bundle folder, which has no caches yet).
 */
const BUILD_FILES = [
  "package-lock.json",
  "node_modules/.package-lock.json",
  ...["./build-bundle.mjs", "./bundle-stamp.cjs", "./compile-bundle.cjs"].map((file) =>
    path.relative(ROOT_DIR, fileURLToPath(new URL(file, import.meta.url))),
  ),
];

/**
 * Returns the entry of a bundle built from the current sources: the existing one when it is
 * current (`built: false`, e.g. another process built it while this one waited for the lock),
 * else a fresh build. Throws when esbuild is not installed or the sources do not build.
 *
 * @example
 * const { entry } = await buildBundle(); // "/repo/packages/cli/dist/bundle-3f2a9c01d4e5/imagebuild.cjs"
 * @param {{ root?: string, distDir?: string, cliDir?: string }} [options]
 * @returns {Promise<{ entry: string, built: boolean }>}
 */
export async function buildBundle({ root = ROOT_DIR, distDir = DIST_DIR, cliDir = CLI_DIR } = {}) {
  mkdirSync(distDir, { recursive: true });
  return withLock(distDir, async () => {
    const found = checkBundle({ root, distDir });
    if (found.current) return { entry: found.entry, built: false };
    const { build } = await import("esbuild");
    const temporary = path.join(
      distDir,
      `.building-${process.pid}-${randomBytes(4).toString("hex")}`,
    );
    try {
      const startedMs = Date.now();
      const { metafile } = await build({
        absWorkingDir: root,
        entryPoints: { imagebuild: path.join(cliDir, "src", "run-cli.ts") },
        outdir: temporary,
        bundle: true,
        // A script rather than ES modules: Node 20 has no code cache for modules, and compiling
        // 1.5 MB of chunks was a fifth of a `validate` run. Each import() of a command becomes a
        // lazy module init, so `--help` and `validate` still evaluate no local service code.
        format: "cjs",
        platform: "node",
        target: "node20",
        outExtension: { ".js": ".cjs" },
        define: { "import.meta.url": BUNDLE_URL },
        // Without comments the script is ASCII (esbuild escapes strings), so the bin reads it as
        // Latin-1: 1 ms for 2 MB, where decoding UTF-8 took 12.
        minifyWhitespace: true,
        legalComments: "external",
        metafile: true,
        plugins: [
          sourceUrls(temporary),
          externalPackages(temporary),
          precompiledAjv(root, temporary, build),
        ],
        banner: { js: `const ${BUNDLE_URL}=require("node:url").pathToFileURL(__filename).href;` },
        logLevel: "silent",
      });
      traceModuleInits(path.join(temporary, ENTRY_FILE));
      const inputs = [...bundleInputs(root, Object.keys(metafile.inputs)), ...BUILD_FILES].filter(
        (file) => existsSync(path.resolve(root, file)),
      );
      /** @type {Record<string, [number, number]>} */
      const states = {};
      let editedMeanwhile = false;
      for (const file of inputs) {
        const { mtimeMs, size } = statSync(path.resolve(root, file));
        states[file] = [mtimeMs, size];
        if (mtimeMs >= startedMs) editedMeanwhile = true;
      }
      // A file saved during the build may or may not be in it: stamp no hash, so the next start rebuilds.
      const hash = editedMeanwhile ? "" : hashInputs(root, inputs);
      writeFileSync(path.join(temporary, "meta.json"), JSON.stringify(metafile));
      const bundle = `bundle-${hash.slice(0, 12) || randomBytes(6).toString("hex")}`;
      const previous = readStampedBundle(distDir);
      if (existsSync(path.join(distDir, bundle))) rmSync(temporary, { recursive: true });
      else renameSync(temporary, path.join(distDir, bundle));
      writeStamp(distDir, { bundle, hash, inputs: states });
      // Keep the bundle a running process may still load chunks from; older ones go.
      for (const name of readdirSync(distDir))
        if (name.startsWith("bundle-") && name !== bundle && name !== previous)
          rmSync(path.join(distDir, name), { recursive: true, force: true });
      return { entry: path.join(distDir, bundle, ENTRY_FILE), built: true };
    } finally {
      rmSync(temporary, { recursive: true, force: true });
    }
  });
}

/**
 * Makes esbuild's lazy module init push each module's path onto `globalThis.__imagebuildEvaluated`
 * when that array exists (the bin sets it for IMAGEBUILD_BIN_TRACE=modules), so a test can check
 * which packages a command evaluates. Throws when esbuild's helper no longer reads as expected.
 *
 * @param {string} file the built script
 */
function traceModuleInits(file) {
  const text = readFileSync(file, "utf8");
  if (!text.includes(ESM_INIT))
    throw new Error(`${file}: esbuild's __esm helper changed; update ESM_INIT in build-bundle.mjs`);
  const traced = ESM_INIT.replace(
    "fn&&(",
    "fn&&(globalThis.__imagebuildEvaluated?.push(__getOwnPropNames(fn)[0]),",
  );
  writeFileSync(file, text.replace(ESM_INIT, traced));
}

/**
 * The files a change of which changes the bundle: its workspace sources, and the package.json of
 * every package it includes (a dependency's version, a workspace's exports), relative to root.
 *
 * @param {string} root
 * @param {string[]} metafileInputs esbuild's input paths, relative to root
 * @returns {string[]}
 */
function bundleInputs(root, metafileInputs) {
  const files = new Set();
  for (const input of metafileInputs) {
    const at = input.lastIndexOf("node_modules/");
    if (at >= 0) {
      const [scope = "", name = ""] = input.slice(at + "node_modules/".length).split("/");
      const packageDir = scope.startsWith("@") ? `${scope}/${name}` : scope;
      files.add(`${input.slice(0, at)}node_modules/${packageDir}/package.json`);
      continue;
    }
    files.add(input);
    for (
      let dir = path.dirname(input);
      dir !== "." && !dir.startsWith("..");
      dir = path.dirname(dir)
    )
      if (existsSync(path.resolve(root, dir, "package.json"))) {
        files.add(path.join(dir, "package.json"));
        break;
      }
  }
  return [...files].sort();
}

/**
 * Points `import.meta.url` of each workspace module at its source file, relative to the bundle,
 * so what the code reads beside itself (console assets, the FC runtime, s.yaml, package.json)
 * resolves from dist as from src.
 *
 * @param {string} outDir a folder at the depth the bundle is installed at
 * @returns {import("esbuild").Plugin}
 */
function sourceUrls(outDir) {
  return {
    name: "source-urls",
    setup(builder) {
      builder.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = readFileSync(args.path, "utf8");
        if (!text.includes("import.meta.url")) return undefined;
        const relative = path.relative(outDir, args.path).split(path.sep).join("/");
        return {
          contents: text.replaceAll(
            "import.meta.url",
            `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
          ),
          loader: /\.[cm]?ts$/.test(args.path) ? "ts" : "js",
        };
      });
    },
  };
}

/**
 * Replaces the `ajv/dist/2020.js` that core's fast path imports with a stand-in whose `compile`
 * returns validators generated here by ajv's standalone code for PRECOMPILED_SCHEMAS (looked up by
 * `$id`): every start skips ajv's ~140 ms compile. Any other schema is an error rather than a
 * fallback to ajv's compiler, which would put ~400 KB more in every command's start-up (core's fast
 * path compiles only these two).
 * See docs/decisions/cli-prebuilt-bundle.md.
 *
 * @param {string} root
 * @param {string} outDir a scratch folder for the schemas' build
 * @param {typeof import("esbuild").build} build
 * @returns {import("esbuild").Plugin}
 */
function precompiledAjv(root, outDir, build) {
  return {
    name: "precompiled-ajv",
    setup(builder) {
      builder.onResolve({ filter: /^ajv\/dist\/2020\.js$/ }, (args) =>
        args.namespace === "file" && args.importer.endsWith(`${path.sep}fast-check-schema.ts`)
          ? { path: args.importer, namespace: "precompiled-ajv" }
          : undefined,
      );
      // The validators' code-point count, with a fast path (count-code-points.cjs).
      builder.onResolve({ filter: /^ajv\/dist\/runtime\/ucs2length$/ }, (args) =>
        args.namespace === "precompiled-ajv"
          ? { path: fileURLToPath(new URL("./count-code-points.cjs", import.meta.url)) }
          : undefined,
      );
      builder.onLoad({ filter: /.*/, namespace: "precompiled-ajv" }, async (args) => {
        const schemasFile = path.join(root, "packages/schema/src/generated/schemas.ts");
        const compiledSchemas = path.join(outDir, "..", `.schemas-${process.pid}.mjs`);
        await build({
          entryPoints: [schemasFile],
          outfile: compiledSchemas,
          bundle: true,
          format: "esm",
          platform: "node",
          logLevel: "silent",
        });
        try {
          const schemas = await import(pathToFileURL(compiledSchemas).href);
          const { Ajv2020 } = await import("ajv/dist/2020.js");
          const { default: standaloneCode } = await import("ajv/dist/standalone/index.js");
          const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: true } });
          /** @type {Record<string, string>} */
          const exportsById = {};
          for (const name of PRECOMPILED_SCHEMAS) {
            ajv.addSchema(schemas[name]);
            exportsById[name] = schemas[name].$id;
          }
          const ids = JSON.stringify(Object.values(exportsById));
          return {
            contents: `${standaloneCode(ajv, exportsById)}
const PRECOMPILED = new Map(${ids}.map((id, index) => [id, [${PRECOMPILED_SCHEMAS.join(", ")}][index]]));
export class Ajv2020 {
  compile(schema) {
    const precompiled = PRECOMPILED.get(schema.$id);
    if (precompiled) return precompiled;
    throw new Error(\`\${schema.$id}: no precompiled validator in the CLI bundle; add the schema to PRECOMPILED_SCHEMAS in packages/cli/scripts/build-bundle.mjs\`);
  }
}
`,
            loader: "js",
            resolveDir: path.dirname(args.path),
          };
        } finally {
          rmSync(compiledSchemas, { force: true });
        }
      });
    },
  };
}

/**
 * Leaves EXTERNAL_PACKAGES out of the bundle, imported by their path relative to it, so they
 * load from whichever workspace's node_modules holds them.
 *
 * @param {string} outDir a folder at the depth the bundle is installed at
 * @returns {import("esbuild").Plugin}
 */
function externalPackages(outDir) {
  const filter = new RegExp(`^(${EXTERNAL_PACKAGES.join("|")})$`);
  return {
    name: "external-packages",
    setup(builder) {
      builder.onResolve({ filter }, async (args) => {
        if (args.pluginData === "external-packages") return undefined;
        const resolved = await builder.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: "external-packages",
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const relative = path.relative(outDir, resolved.path).split(path.sep).join("/");
        return { path: relative.startsWith(".") ? relative : `./${relative}`, external: true };
      });
    },
  };
}

/**
 * Runs `work` holding dist's lock file (created exclusively, holding the pid); waits while a live
 * process holds it.
 *
 * @template T
 * @param {string} distDir
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
async function withLock(distDir, work) {
  const lock = path.join(distDir, LOCK_FILE);
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
    }
    if (lockIsStale(lock)) rmSync(lock, { force: true });
    else await sleep(LOCK_POLL_MS);
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** @param {string} lock */
function lockIsStale(lock) {
  try {
    const pid = Number(readFileSync(lock, "utf8"));
    if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) return true;
    if (!Number.isInteger(pid) || pid <= 0) return false; // being written right now
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === "ESRCH";
  }
}

/** @param {string} distDir */
function readStampedBundle(distDir) {
  try {
    return JSON.parse(readFileSync(path.join(distDir, STAMP_FILE), "utf8")).bundle;
  } catch {
    return undefined;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const startedMs = Date.now();
  try {
    const { entry } = await buildBundle();
    const { size } = statSync(entry);
    process.stdout.write(
      `imagebuild bundle: ${path.relative(process.cwd(), entry)} (${(size / 1e6).toFixed(1)} MB, ${Date.now() - startedMs} ms)\n`,
    );
  } catch (error) {
    // --if-possible (the install's prepare step): `npm install` must not fail over it, as the bin
    // builds on first use or runs the sources through tsx.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`imagebuild bundle: not built: ${message}\n`);
    if (!process.argv.includes("--if-possible")) process.exitCode = 1;
  }
}
