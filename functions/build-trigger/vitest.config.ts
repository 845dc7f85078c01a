/** Vitest settings for build-trigger: unit and integration tests under tests/. */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    // Setup hooks start servers and git repositories; 10 s is tight on a busy 2-core CI machine.
    hookTimeout: 120_000,
  },
});
