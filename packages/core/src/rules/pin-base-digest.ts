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
    "with `policy.tag: immutable`: every external `FROM`/`COPY --from` (and `Packages.Base`) has an `@sha256:` digest after its tag (`imagebuild pin` writes the index digest); spec references and `FROM ${ARG}` are not checked",
  checkedIn: ["src/check-base-digest.ts"],
});
