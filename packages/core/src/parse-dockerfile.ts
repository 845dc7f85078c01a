/** A small Dockerfile parser: instructions, line continuations, heredocs, comments and `FROM` references. */
import { splitLines } from "./split-lines.ts";

/** Instructions BuildKit accepts. */
const INSTRUCTIONS = new Set([
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
]);

/** One instruction; `line` and `column` are 1-based and point at the keyword. */
export interface DockerfileInstruction {
  keyword: string;
  args: string;
  line: number;
  column: number;
  /** The last line of the instruction (after `\` continuations), before any heredoc body. */
  endLine?: number;
}

/** A syntax problem in a Dockerfile. */
export interface DockerfileIssue {
  line: number;
  column: number;
  message: string;
}

/**
 * Splits a Dockerfile into instructions, joining `\` continuations (or the `# escape=` character) and
 * skipping heredoc bodies; reports unknown instructions, missing arguments and a missing first `FROM`.
 *
 * @example
 * parseDockerfile("FROM busybox:1.36\nRUN echo \\\n  hi\n").instructions
 * // [{ keyword: "FROM", args: "busybox:1.36", line: 1, column: 1 }, { keyword: "RUN", args: "echo hi", line: 2, column: 1 }]
 */
export function parseDockerfile(text: string): {
  instructions: DockerfileInstruction[];
  issues: DockerfileIssue[];
} {
  const lines = splitLines(text);
  const escapeChar = escapeCharacter(lines);
  const instructions: DockerfileInstruction[] = [];
  const issues: DockerfileIssue[] = [];
  let index = 0;
  while (index < lines.length) {
    const raw = lines[index] ?? "";
    const trimmed = raw.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) {
      index += 1;
      continue;
    }
    const line = index + 1;
    const column = raw.length - trimmed.length + 1;
    let joined = "";
    let current = trimmed;
    for (;;) {
      const end = current.trimEnd();
      const continued = end.endsWith(escapeChar);
      joined += continued ? end.slice(0, -1) : current;
      index += 1;
      if (!continued) break;
      while (index < lines.length && /^\s*(#.*)?$/.test(lines[index] ?? "")) index += 1;
      if (index >= lines.length) {
        issues.push({ line, column, message: "line continuation at the end of the file" });
        break;
      }
      current = lines[index] ?? "";
    }
    // The keyword is everything up to the first white space; the arguments, the rest trimmed.
    const instruction = joined.trim();
    const space = instruction.search(/\s/);
    const word = space === -1 ? instruction : instruction.slice(0, space);
    const args = space === -1 ? "" : instruction.slice(space).trim();
    const keyword = word.toUpperCase();
    if (!INSTRUCTIONS.has(keyword)) {
      issues.push({ line, column, message: `unknown instruction "${word.slice(0, 40)}"` });
      continue;
    }
    if (args === "") issues.push({ line, column, message: `${keyword} needs arguments` });
    instructions.push({ keyword, args, line, column, endLine: index });
    index = skipHeredocs(lines, index, args);
  }
  const first = instructions.find((instruction) => instruction.keyword !== "ARG");
  if (!first) issues.push({ line: 1, column: 1, message: "no FROM instruction" });
  else if (first.keyword !== "FROM") {
    issues.push({
      line: first.line,
      column: first.column,
      message: `the first instruction must be FROM (only ARG may come before it), found ${first.keyword}`,
    });
  }
  return { instructions, issues };
}

function escapeCharacter(lines: string[]): string {
  for (const raw of lines) {
    const directive = /^\s*#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(raw);
    if (!directive) break;
    if (
      directive[1]?.toLowerCase() === "escape" &&
      (directive[2] === "`" || directive[2] === "\\")
    ) {
      return directive[2];
    }
  }
  return "\\";
}

function skipHeredocs(lines: string[], index: number, args: string): number {
  // Most instructions have no heredoc: no regex iterator for them.
  if (!args.includes("<<")) return index;
  let next = index;
  for (const heredoc of args.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
    const stripTabs = heredoc[1] === "-";
    const terminator = heredoc[3];
    while (next < lines.length) {
      const body = lines[next] ?? "";
      next += 1;
      if ((stripTabs ? body.replace(/^\t+/, "") : body) === terminator) break;
    }
  }
  return next;
}
