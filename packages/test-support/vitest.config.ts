/** Vitest configuration of @imagebuild/test-support. */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    // Hooks create git repositories and start servers; the 10 s default is too tight when CI runs
    // two packages' suites at once on two cores.
    hookTimeout: 120_000,
  },
});
