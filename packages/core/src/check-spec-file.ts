/** Per-file checks of one YAML file: syntax, the Spec schema, its kind, and literal credentials. */
import { checkSchema } from "./fast-check-schema.ts";
import { findCredentialsInValue } from "./find-literal-credentials.ts";
import { locate, type ParsedYaml, parseYaml } from "./parsed-yaml.ts";
import type { RuleId } from "./rules/index.ts";
import type { Problem } from "./types.ts";

/** A file after its own checks; `ok` is false when it cannot be layered (syntax or schema errors). */
export interface CheckedFile {
  parsed: ParsedYaml;
  problems: Problem[];
  ok: boolean;
}

/**
 * Parses and checks one spec or defaults file.
 *
 * @example
 * const checked = checkSpecFile({ file: "specs/a/1.0.yaml", text, kind: "ImageBuild" });
 * if (!checked.ok) report(checked.problems);
 */
export function checkSpecFile({
  file,
  text,
  kind,
}: {
  file: string;
  text: string;
  kind: "ImageBuild" | "Defaults";
}): CheckedFile {
  const parsed = parseYaml({ file, text });
  const problem = (
    ruleId: RuleId,
    path: string[],
    message: string,
    at: "key" | "value" = "value",
  ): Problem => ({
    ruleId,
    severity: "error",
    file,
    ...pick(locate(parsed, path, { at })),
    message,
  });
  if (parsed.errors.length > 0) {
    return {
      parsed,
      ok: false,
      problems: parsed.errors.map((error) => ({
        ruleId: "yaml-syntax",
        severity: "error",
        file,
        line: error.line,
        column: error.column,
        message: error.message,
      })),
    };
  }
  const problems: Problem[] = findCredentialsInValue(parsed.value).map((finding) =>
    problem(
      "no-literal-credentials",
      finding.path ?? [],
      `${finding.what}: put credentials in RegistryAuths as { secret: name } (read from IMAGEBUILD_SECRET_<NAME> where the build runs), never in a spec`,
    ),
  );
  const issues = checkSchema("Spec", parsed.value ?? null);
  for (const issue of issues) {
    // A literal Auth under RegistryAuths is already reported as a credential, with a better message.
    if (problems.some((p) => p.ruleId === "no-literal-credentials" && sameLocation(p, issue.path)))
      continue;
    const field = issue.path.length > 0 ? issue.path.join(".") : "(document)";
    problems.push(
      issue.code === "unknown"
        ? problem("unknown-key", issue.path, `${field}: ${issue.message}`, "key")
        : problem("schema", issue.path, `${field}: ${issue.message}`),
    );
  }
  const actualKind = (parsed.value as { kind?: unknown } | null)?.kind;
  if (issues.length === 0 && actualKind !== kind) {
    const expected =
      kind === "Defaults"
        ? "a _defaults.yaml must have kind Defaults"
        : "a version file must have kind ImageBuild";
    problems.push(problem("spec-kind", ["kind"], `kind: ${expected}`));
  }
  return { parsed, problems, ok: !problems.some((p) => p.severity === "error") };

  function sameLocation(p: Problem, path: string[]): boolean {
    const at = locate(parsed, path);
    return at.line === p.line;
  }
}

function pick({ line, column }: { line: number; column: number }) {
  return { line, column };
}
