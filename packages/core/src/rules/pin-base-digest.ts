/** The `pin-base-digest` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `pin-base-digest` rule's registry entry.
 *
 * @example
 * RULES["pin-base-digest"] === pinBaseDigest // true
 */
export const pinBaseDigest = defineRule({
  id: "pin-base-digest",
  severities: ["warning"],
  description:
    // biome-ignore lint/suspicious/noTemplateCurlyInString: `${ARG}` is Dockerfile syntax, shown as is.
    "with `policy.tag: immutable`: every external `FROM`/`COPY --from` of the Dockerfile has an `@sha256:` digest (`imagebuild pin` writes the index digest); spec references, `FROM ${ARG}` and `Packages.Base` are not checked",
  checkedIn: ["src/check-base-digest.ts"],
});
