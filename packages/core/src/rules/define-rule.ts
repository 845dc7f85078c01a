/** The shape of a lint rule's entry in the registry. */

/**
 * A lint rule: its id (the `ruleId` of its problems), the severities it reports, what it checks
 * (one line of Markdown, shown in the README) and the files under `packages/core/` that emit it.
 */
export interface LintRule<Id extends string = string> {
  id: Id;
  severities: readonly ("error" | "warning")[];
  description: string;
  checkedIn: readonly string[];
}

/**
 * Declares a rule, keeping its id as a literal type.
 *
 * @example
 * export const specKind = defineRule({ id: "spec-kind", severities: ["error"], description: "…", checkedIn: ["src/check-spec-file.ts"] });
 */
export function defineRule<const Id extends string>(rule: LintRule<Id>): LintRule<Id> {
  return rule;
}
