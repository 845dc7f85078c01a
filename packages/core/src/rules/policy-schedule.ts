/** The `policy-schedule` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `policy-schedule` rule's registry entry.
 *
 * @example
 * RULES["policy-schedule"] === policySchedule // true
 */
export const policySchedule = defineRule({
  id: "policy-schedule",
  severities: ["error"],
  description: "`policy.schedule` is a valid 6-field cron",
  checkedIn: ["src/resolve-policy.ts"],
});
