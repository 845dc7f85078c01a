/** The `request-schema` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `request-schema` rule's registry entry.
 *
 * @example
 * RULES["request-schema"] === requestSchema // true
 */
export const requestSchema = defineRule({
  id: "request-schema",
  severities: ["error"],
  description:
    "the layered, rendered request matches CreateImageBuildRequest (e.g. `WorkspaceId` is set somewhere)",
  checkedIn: ["src/check-request-schema.ts"],
});
