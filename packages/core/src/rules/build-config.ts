/** The `build-config` lint rule: what it checks and where it is checked. */
import { defineRule } from "./define-rule.ts";

/**
 * The `build-config` rule's registry entry.
 *
 * @example
 * RULES["build-config"] === buildConfig // true
 */
export const buildConfig = defineRule({
  id: "build-config",
  severities: ["error"],
  description:
    "`CustomDockerfile` has exactly one of `Dockerfile`/`DockerfileFile` (which exists); `PackageInstallation` has `Packages` and no Dockerfile",
  checkedIn: ["src/resolve-custom-dockerfile.ts", "src/resolve-packages-dockerfile.ts"],
});
