/** Vitest configuration of @imagebuild/local-cloud. */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    // Hooks bundle the function, start servers and the local service; 10 s is tight on a busy 2-core machine.
    hookTimeout: 240_000,
  },
});
