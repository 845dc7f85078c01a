/** The `dependency-cycle` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `dependency-cycle` rule's registry entry.
 *
 * @example
 * RULES["dependency-cycle"] === dependencyCycle // true
 */
export const dependencyCycle = defineRule({
  id: "dependency-cycle",
  severities: ["error"],
  description: "no specs build on each other in a cycle; the message names every file of the cycle",
  checkedIn: ["src/check-dependency-cycles.ts"],
});
