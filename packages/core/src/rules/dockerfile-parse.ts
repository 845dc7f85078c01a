/** The `dockerfile-parse` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `dockerfile-parse` rule's registry entry.
 *
 * @example
 * RULES["dockerfile-parse"] === dockerfileParse // true
 */
export const dockerfileParse = defineRule({
  id: "dockerfile-parse",
  severities: ["error"],
  description:
    "the Dockerfile parses: known instructions, arguments, `FROM` first (after `ARG`s), valid image references",
  checkedIn: ["src/lint-dockerfile.ts", "src/check-from-pinning.ts"],
});
