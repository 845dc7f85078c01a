/** The `dockerfile-pinned-from` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `dockerfile-pinned-from` rule's registry entry.
 *
 * @example
 * RULES["dockerfile-pinned-from"] === dockerfilePinnedFrom // true
 */
export const dockerfilePinnedFrom = defineRule({
  id: "dockerfile-pinned-from",
  severities: ["error", "warning"],
  description:
    // biome-ignore lint/suspicious/noTemplateCurlyInString: `${ARG}` is Dockerfile syntax, shown as is.
    "every `FROM` (and `Packages.Base`) has a tag other than `latest` or a digest; a `FROM ${ARG}` without a default is a warning",
  checkedIn: ["src/check-from-pinning.ts"],
});
