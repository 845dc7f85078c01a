/** The `policy-rebuild` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `policy-rebuild` rule's registry entry.
 *
 * @example
 * RULES["policy-rebuild"] === policyRebuild // true
 */
export const policyRebuild = defineRule({
  id: "policy-rebuild",
  severities: ["error"],
  description:
    "`policy.rebuild: on-base-change` goes with `policy.tag` `overwrite` or `dated`: an immutable tag cannot be rebuilt",
  checkedIn: ["src/resolve-policy.ts"],
});
