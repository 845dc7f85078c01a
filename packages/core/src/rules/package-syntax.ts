/** The `package-syntax` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `package-syntax` rule's registry entry.
 *
 * @example
 * RULES["package-syntax"] === packageSyntax // true
 */
export const packageSyntax = defineRule({
  id: "package-syntax",
  severities: ["error"],
  description:
    "`Packages.Pip` entries are PEP 508 requirements (no URLs), `Conda` entries conda match specs, `Apt` entries `name[:arch]` with `=version` or `/release`",
  checkedIn: ["src/check-package-lists.ts"],
});
