/** The `unknown-environment` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `unknown-environment` rule's registry entry.
 *
 * @example
 * RULES["unknown-environment"] === unknownEnvironment // true
 */
export const unknownEnvironment = defineRule({
  id: "unknown-environment",
  severities: ["error"],
  description: "`--env NAME` is defined by at least one spec or defaults file",
  checkedIn: ["src/load-specs.ts"],
});
