/** The `spec-reference` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `spec-reference` rule's registry entry.
 *
 * @example
 * RULES["spec-reference"] === specReference // true
 */
export const specReference = defineRule({
  id: "spec-reference",
  severities: ["error"],
  description:
    "a `FROM` or `COPY --from` of `imagebuild:<image>:<version>` (or `:latest`) names a spec built in the same environment",
  checkedIn: ["src/link-spec-references.ts"],
});
