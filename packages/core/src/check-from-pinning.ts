/** Checks every `FROM` of a parsed Dockerfile: a valid reference, pinned by a tag other than latest or a digest. */
import { parseImageReference } from "@imagebuild/pai-client/registry";
import { memoizeByText } from "./memoize-by-text.ts";
import type { DockerfileInstruction } from "./parse-dockerfile.ts";
import { isSpecReference } from "./spec-reference.ts";

/** A FROM problem: `dockerfile-parse` for a malformed line, `dockerfile-pinned-from` for a floating base. */
export interface FromIssue {
  ruleId: "dockerfile-parse" | "dockerfile-pinned-from";
  severity: "error" | "warning";
  line: number;
  column: number;
  message: string;
}

/**
 * Checks the `FROM` instructions. Global `ARG`s with defaults are substituted; a `FROM` that depends on an ARG
 * without a default is a warning, since the reference is only known at build time.
 *
 * @example
 * checkFromPinning(parseDockerfile("FROM debian\n").instructions)
 * // [{ ruleId: "dockerfile-pinned-from", severity: "error", message: 'FROM debian has no tag: pin a version…' }]
 */
export function checkFromPinning(instructions: DockerfileInstruction[]): FromIssue[] {
  const issues: FromIssue[] = [];
  const globalArgs = new Map<string, string | undefined>();
  const stages = new Set<string>();
  let seenFrom = false;
  // Indexed: an unoptimized for-of allocates a result object per step (docs/decisions/core-validation-speed.md).
  for (let index = 0; index < instructions.length; index += 1) {
    const instruction = instructions[index] as DockerfileInstruction;
    const { line, column } = instruction;
    if (instruction.keyword === "ARG" && !seenFrom) {
      const declarations = instruction.args.split(/\s+/);
      for (let at = 0; at < declarations.length; at += 1) {
        const declaration = declarations[at] as string;
        const equals = declaration.indexOf("=");
        const name = equals === -1 ? declaration : declaration.slice(0, equals);
        if (name)
          globalArgs.set(name, equals === -1 ? undefined : unquote(declaration.slice(equals + 1)));
      }
      continue;
    }
    if (instruction.keyword !== "FROM") continue;
    seenFrom = true;
    // By index, not destructured: unoptimized, array destructuring goes through an iterator too.
    const words = instruction.args.split(/\s+/).filter((word) => !word.startsWith("--"));
    const written = words[0];
    const as = words[1];
    const stageName = words[2];
    if (
      !written ||
      words.length > 3 ||
      (as !== undefined && (as.toLowerCase() !== "as" || !stageName))
    ) {
      issues.push({
        ruleId: "dockerfile-parse",
        severity: "error",
        line,
        column,
        message: "FROM takes an image reference and an optional AS <name>",
      });
      continue;
    }
    const expanded = written.includes("$")
      ? expandArgs(written, globalArgs)
      : { value: written, unresolved: [] };
    if (expanded.unresolved.length > 0) {
      issues.push({
        ruleId: "dockerfile-pinned-from",
        severity: "warning",
        line,
        column,
        message: `FROM ${written} uses ARG ${expanded.unresolved.join(", ")} without a default: the base image is not pinned in the file`,
      });
    } else {
      const reference = expanded.value;
      // A spec reference names a version of this repository, resolved by loadSpecs (`spec-reference`).
      if (
        reference !== "scratch" &&
        !stages.has(reference.toLowerCase()) &&
        !isSpecReference(reference)
      ) {
        const problem = pinningProblem(reference);
        if (problem) issues.push({ ...problem, line, column });
      }
    }
    if (stageName) stages.add(stageName.toLowerCase());
  }
  return issues;
}

/**
 * Why an image reference is not acceptable as a pinned base, or undefined when it is (remembered per
 * reference: the same bases recur in every spec).
 *
 * @example
 * pinningProblem("debian:latest") // { ruleId: "dockerfile-pinned-from", … 'uses the tag "latest"…' }
 */
export const pinningProblem = memoizeByText(findPinningProblem);

function findPinningProblem(reference: string): Omit<FromIssue, "line" | "column"> | undefined {
  const parsed = parseImageReference(reference);
  if (!parsed.ok) {
    return {
      ruleId: "dockerfile-parse",
      severity: "error",
      message: `FROM ${reference}: invalid image reference (expected [registry/]name[:tag][@sha256:digest])`,
    };
  }
  if (parsed.value.digest) return undefined;
  // parseImageReference reads a missing tag as latest; only the last path part can carry one (a port is in the first).
  const tag = hasTag(reference) ? parsed.value.tag : undefined;
  if (!tag) {
    return {
      ruleId: "dockerfile-pinned-from",
      severity: "error",
      message: `FROM ${reference} has no tag: pin a version (e.g. ${reference}:<version>) or a digest`,
    };
  }
  if (tag === "latest") {
    return {
      ruleId: "dockerfile-pinned-from",
      severity: "error",
      message: `FROM ${reference} uses the tag "latest": pin a version or a digest`,
    };
  }
  return undefined;
}

function expandArgs(
  text: string,
  args: Map<string, string | undefined>,
): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const value = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      _all,
      braced: string | undefined,
      operator: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const name = braced ?? bare ?? "";
      const known = args.get(name);
      if (operator === "-") return known ?? word ?? "";
      if (operator === "+") return known !== undefined ? (word ?? "") : "";
      if (known === undefined) unresolved.push(name);
      return known ?? "";
    },
  );
  return { value, unresolved };
}

/**
 * Whether a reference names a tag itself (`debian:bookworm`), rather than leaving it to default to latest.
 *
 * @example
 * hasTag("127.0.0.1:5000/team/base") // false
 */
export function hasTag(reference: string): boolean {
  const name = reference.split("@")[0] ?? "";
  return (name.split("/").at(-1) ?? "").includes(":");
}

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, "$2");
}
