/** The `schema` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `schema` rule's registry entry.
 *
 * @example
 * RULES["schema"] === schema // true
 */
export const schema = defineRule({
  id: "schema",
  severities: ["error"],
  description:
    "the file matches the Spec schema (types, patterns, enums); package entries are only checked for length here (see `package-syntax`)",
  checkedIn: ["src/check-spec-file.ts"],
});
