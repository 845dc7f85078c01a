/** The `duplicate-image-uri` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `duplicate-image-uri` rule's registry entry.
 *
 * @example
 * RULES["duplicate-image-uri"] === duplicateImageUri // true
 */
export const duplicateImageUri = defineRule({
  id: "duplicate-image-uri",
  severities: ["error"],
  description:
    "no two specs target the same `Image.Uri`, nor an explicit tag one of the day tags a `dated` spec pushes (`1.0.0-20261201.yaml` beside a dated `1.0.0.yaml`)",
  checkedIn: ["src/check-duplicate-image-uris.ts"],
});
