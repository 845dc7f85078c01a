/** The `unknown-key` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `unknown-key` rule's registry entry.
 *
 * @example
 * RULES["unknown-key"] === unknownKey // true
 */
export const unknownKey = defineRule({
  id: "unknown-key",
  severities: ["error"],
  description: "no field the schema does not know (typos)",
  checkedIn: ["src/check-spec-file.ts"],
});
