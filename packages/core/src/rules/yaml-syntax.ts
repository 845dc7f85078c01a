/** The `yaml-syntax` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `yaml-syntax` rule's registry entry.
 *
 * @example
 * RULES["yaml-syntax"] === yamlSyntax // true
 */
export const yamlSyntax = defineRule({
  id: "yaml-syntax",
  severities: ["error"],
  description: "the file parses as YAML (duplicate keys included)",
  checkedIn: ["src/check-spec-file.ts"],
});
