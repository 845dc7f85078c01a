/** Renders `build.args` into a Dockerfile as its `ARG` defaults (CreateImageBuild has no build-arg field). */
import type { DockerfileInstruction } from "./parse-dockerfile.ts";
import { parseDockerfileOnce } from "./parse-dockerfile-once.ts";

/** ARGs every builder predefines (proxies, platforms); a Dockerfile may declare them without a default. */
const PREDEFINED_ARGS = new Set([
  ...["HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY"].flatMap((n) => [
    n,
    n.toLowerCase(),
  ]),
  ...["PLATFORM", "OS", "ARCH", "VARIANT"].flatMap((n) => [`TARGET${n}`, `BUILD${n}`]),
]);

/** The Dockerfile with the args as ARG defaults, and what did not match (lines are 1-based, in the Dockerfile). */
export interface RenderedBuildArgs {
  dockerfile: string;
  /** Names in `args` that no `ARG` declares. */
  unknown: string[];
  /** `ARG`s with no default anywhere and no value in `args`. */
  missing: { name: string; line: number; column: number }[];
}

/**
 * Sets every `ARG NAME` (or `ARG NAME=old`) whose name is in `args` to `ARG NAME=value`, in every stage.
 * The values were checked by the schema (no whitespace, quotes, `$`, backslashes), so they are written as
 * they are and nothing expands them; a multi-line ARG becomes one line followed by empty ones, so every
 * other instruction keeps its line number (and lint positions stay right).
 *
 * @example
 * renderBuildArgs("ARG SUITE=bookworm\nFROM debian:${SUITE}\n", { SUITE: "trixie" }).dockerfile
 * // "ARG SUITE=trixie\nFROM debian:${SUITE}\n"
 */
export function renderBuildArgs(
  dockerfile: string,
  args: Readonly<Record<string, string | undefined>>,
): RenderedBuildArgs {
  const { instructions } = parseDockerfileOnce(dockerfile);
  const argLines = instructions.filter((i) => i.keyword === "ARG");
  const declared = new Map<string, { hasDefault: boolean; at: DockerfileInstruction }>();
  // Split only once an ARG changes: most Dockerfiles are returned as they are.
  let lines: string[] | undefined;
  for (const instruction of argLines) {
    const declarations = instruction.args.split(/\s+/).filter(Boolean);
    let changed = false;
    const rendered = declarations.map((declaration) => {
      // The name before the first `=`, not destructured: unoptimized, that goes through an iterator.
      const equals = declaration.indexOf("=");
      const name = equals === -1 ? declaration : declaration.slice(0, equals);
      const previous = declared.get(name);
      declared.set(name, {
        hasDefault: (previous?.hasDefault ?? false) || equals !== -1,
        at: previous?.at ?? instruction,
      });
      const value = args[name];
      if (value === undefined) return declaration;
      changed = true;
      return `${name}=${value}`;
    });
    if (!changed) continue;
    lines ??= dockerfile.split("\n");
    const first = instruction.line - 1;
    const indent = /^\s*/.exec(lines[first] ?? "")?.[0] ?? "";
    lines[first] = `${indent}ARG ${rendered.join(" ")}`;
    for (let index = first + 1; index < (instruction.endLine ?? instruction.line); index += 1)
      lines[index] = "";
  }
  const unknown = Object.keys(args).filter(
    (name) => args[name] !== undefined && !declared.has(name),
  );
  const missing = [...declared]
    .filter(([name, d]) => !d.hasDefault && args[name] === undefined && !PREDEFINED_ARGS.has(name))
    .map(([name, d]) => ({ name, line: d.at.line, column: d.at.column }));
  return { dockerfile: lines ? lines.join("\n") : dockerfile, unknown, missing };
}
