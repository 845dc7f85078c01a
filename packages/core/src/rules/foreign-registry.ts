/** The `foreign-registry` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `foreign-registry` rule's registry entry.
 *
 * @example
 * RULES["foreign-registry"] === foreignRegistry // true
 */
export const foreignRegistry = defineRule({
  id: "foreign-registry",
  severities: ["error"],
  description:
    "with `--env`: no `FROM`/`COPY --from` pulls from another environment's registry, or from a loopback registry where the environment's own is not one",
  checkedIn: ["src/check-from-registry.ts"],
});
