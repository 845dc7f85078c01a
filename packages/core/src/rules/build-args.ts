/** The `build-args` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `build-args` rule's registry entry.
 *
 * @example
 * RULES["build-args"] === buildArgs // true
 */
export const buildArgs = defineRule({
  id: "build-args",
  severities: ["error"],
  description:
    "every `build.args` name matches an `ARG` of the Dockerfile, and every `ARG` without a default gets a value (proxy and platform ARGs excepted)",
  checkedIn: ["src/resolve-build-args.ts"],
});
