/** The `path-name-tag` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `path-name-tag` rule's registry entry.
 *
 * @example
 * RULES["path-name-tag"] === pathNameTag // true
 */
export const pathNameTag = defineRule({
  id: "path-name-tag",
  severities: ["error"],
  description:
    "the file lives at `specs/<image>/<version>.yaml`, `Image.Name` is the folder, the `Image.Uri` tag is the file name",
  checkedIn: ["src/check-path-name-tag.ts", "src/load-specs.ts"],
});
