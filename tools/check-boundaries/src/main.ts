/** `check-boundaries`: prints every dependency that crosses docs/architecture.md's arrows, exits 1 if any. */
import path from "node:path";
import { checkBoundaries } from "./check-boundaries.ts";

const ROOT = path.join(import.meta.dirname, "../../..");
const violations = checkBoundaries({ root: ROOT });
for (const violation of violations) console.error(violation);
if (violations.length > 0) {
  console.error(
    `${violations.length} dependency boundary violation(s); the arrows are in docs/architecture.md`,
  );
  process.exit(1);
}
console.log("every dependency and import follows docs/architecture.md's arrows");
