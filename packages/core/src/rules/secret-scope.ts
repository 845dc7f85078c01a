/** The `secret-scope` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `secret-scope` rule's registry entry.
 *
 * @example
 * RULES["secret-scope"] === secretScope // true
 */
export const secretScope = defineRule({
  id: "secret-scope",
  severities: ["error"],
  description:
    "every `RegistryAuths` reference is a secret (`secret: name` or `fromEnv: IMAGEBUILD_SECRET_<NAME>`) bound to that registry host in `IMAGEBUILD_SECRET_HOSTS`",
  checkedIn: ["src/check-secret-scope.ts"],
});
