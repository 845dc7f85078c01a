/** The `spec-kind` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `spec-kind` rule's registry entry.
 *
 * @example
 * RULES["spec-kind"] === specKind // true
 */
export const specKind = defineRule({
  id: "spec-kind",
  severities: ["error"],
  description: "`kind: ImageBuild` in version files, `kind: Defaults` in `_defaults.yaml`",
  checkedIn: ["src/check-spec-file.ts"],
});
