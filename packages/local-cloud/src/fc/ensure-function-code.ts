/** Makes sure the code s.yaml deploys exists and is newer than its sources, running s.yaml's pre-deploy step if not. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { SYamlFunction } from "./read-s-yaml-function.ts";

/** The pre-deploy step failed, or left no handler file behind. */
export class FunctionCodeError extends Error {
  override readonly name = "FunctionCodeError";
  readonly code = "FUNCTION_CODE_MISSING";
  readonly codeDir: string;

  constructor({ codeDir, message }: { codeDir: string; message: string }) {
    super(message);
    this.codeDir = codeDir;
  }
}

/**
 * Returns the handler file (`<code>/<file>.mjs` or `.js` of `props.handler`). When it is missing, or
 * older than any source of the package that owns `code` or of the workspace packages it depends on,
 * runs the s.yaml `pre-deploy` commands first (as `s deploy` does), then checks again.
 *
 * @example
 * const file = ensureFunctionCode({ fn, out: console.log }); // …/functions/build-trigger/dist/index.mjs
 */
export function ensureFunctionCode({
  fn,
  out = () => {},
}: {
  fn: SYamlFunction;
  out?: (line: string) => void;
}): string {
  const current = handlerFile(fn);
  const newestSource = newestMtime(sourceDirs(fn.codeDir));
  if (current && statSync(current).mtimeMs >= newestSource) return current;
  out(
    `fc    ${current ? "code is older than its sources" : "no code yet"}: running s.yaml pre-deploy`,
  );
  for (const { run, cwd } of fn.preDeploy) {
    const result = spawnSync(run, { cwd, shell: true, encoding: "utf8" });
    if (result.status !== 0) {
      throw new FunctionCodeError({
        codeDir: fn.codeDir,
        message: `s.yaml pre-deploy \`${run}\` failed (exit ${result.status}):\n${result.stderr || result.stdout}`,
      });
    }
    for (const line of result.stdout.trim().split("\n")) if (line) out(`fc    ${line}`);
  }
  const built = handlerFile(fn);
  if (built) return built;
  throw new FunctionCodeError({
    codeDir: fn.codeDir,
    message: `${fn.codeDir}: no ${fn.handler.split(".")[0]}.mjs or .js after pre-deploy; check props.code and props.handler`,
  });
}

function handlerFile(fn: SYamlFunction): string | undefined {
  const base = path.join(fn.codeDir, fn.handler.slice(0, fn.handler.lastIndexOf(".")));
  return [`${base}.mjs`, `${base}.js`].find((file) => existsSync(file));
}

/** The `src` folders of the package owning `codeDir` and of its `@imagebuild/*` dependencies. */
function sourceDirs(codeDir: string): string[] {
  const seen = new Set<string>();
  const visit = (packageDir: string) => {
    if (seen.has(packageDir)) return;
    seen.add(packageDir);
    const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (!name.startsWith("@imagebuild/")) continue;
      const found = findPackage(packageDir, name);
      if (found) visit(found);
    }
  };
  let owner = path.dirname(codeDir);
  while (!existsSync(path.join(owner, "package.json")) && path.dirname(owner) !== owner)
    owner = path.dirname(owner);
  if (existsSync(path.join(owner, "package.json"))) visit(owner);
  return [...seen].flatMap((dir) => ["src", "scripts"].map((sub) => path.join(dir, sub)));
}

function findPackage(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(candidate)) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

function newestMtime(dirs: readonly string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}
