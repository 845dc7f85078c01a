/** The `no-literal-credentials` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `no-literal-credentials` rule's registry entry.
 *
 * @example
 * RULES["no-literal-credentials"] === noLiteralCredentials // true
 */
export const noLiteralCredentials = defineRule({
  id: "no-literal-credentials",
  severities: ["error"],
  description:
    "no credential-named key (`Auth`, `password`, `token`, …), AccessKey ID, private key, URL with a password, or Dockerfile `ENV`/`ARG` secret literal",
  checkedIn: ["src/check-spec-file.ts", "src/lint-dockerfile.ts"],
});
