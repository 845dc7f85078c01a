/** The `immutable-version` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `immutable-version` rule's registry entry.
 *
 * @example
 * RULES["immutable-version"] === immutableVersion // true
 */
export const immutableVersion = defineRule({
  id: "immutable-version",
  severities: ["error"],
  description:
    "against the base ref (`--base`, default the merge base with `main`): a version that existed there did not change, unless `policy.tag` is `overwrite` or `dated` (comments and layout do not count)",
  checkedIn: ["src/check-immutable.ts"],
});
