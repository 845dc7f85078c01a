/** The module specifiers a TypeScript or JavaScript file imports, comments left out. */

const STATIC = /(?:^|[;\n])\s*(?:import|export)\s(?:[^;"'`]*?\sfrom\s*)?["']([^"']+)["']/g;
const DYNAMIC = /\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g;

/**
 * Static imports, re-exports, `import "x"`, and `import("x")` / `require("x")` with a literal.
 * Comment lines are dropped first, so TSDoc examples do not count.
 *
 * @example
 * findImports('import { x } from "@imagebuild/core";\n// import "ignored";') // ["@imagebuild/core"]
 */
export function findImports(source: string): string[] {
  const code = stripComments(source);
  const found: string[] = [];
  for (const pattern of [STATIC, DYNAMIC])
    for (const match of code.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

function stripComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "))
    .split("\n")
    .map((line) => (line.trimStart().startsWith("//") ? "" : line))
    .join("\n");
}
