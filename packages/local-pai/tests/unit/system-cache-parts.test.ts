/** The layer cache's and base labels' pure parts: cache repository names, label merging. */
import { describe, expect, it } from "vitest";
import { withBuildLabels } from "../../src/queue/builder.ts";
import { cacheRepository } from "../../src/system/cache-repository.ts";

const registry = { host: "127.0.0.1:5000" };

describe("cacheRepository", () => {
  it("gives each image one repository without a tag, shared by its tags and by no other image", () => {
    const tools = cacheRepository({
      registry,
      target: { host: "127.0.0.1:5000", repository: "pai/tools" },
    });
    expect(tools).toMatch(/^127\.0\.0\.1:5000\/imagebuild-cache\/tools-[a-f0-9]{16}$/);
    expect(
      cacheRepository({ registry, target: { host: "127.0.0.1:5000", repository: "other/tools" } }),
    ).not.toBe(tools);
    expect(
      cacheRepository({ registry, target: { host: "r.example", repository: "pai/tools" } }),
    ).not.toBe(tools);
    expect(
      cacheRepository({ registry, target: { host: "127.0.0.1:5000", repository: "pai/tools" } }),
    ).toBe(tools);
  });
});

describe("withBuildLabels", () => {
  it("keeps the request's labels, lets the build's replace one with the same Key, and stays within 64", () => {
    const built = [{ Key: "imagebuild.base.0", Value: "b" }];
    expect(
      withBuildLabels(
        [
          { Key: "team", Value: "a" },
          { Key: "imagebuild.base.0", Value: "x" },
        ],
        built,
      ),
    ).toEqual([
      { Key: "team", Value: "a" },
      { Key: "imagebuild.base.0", Value: "b" },
    ]);
    expect(withBuildLabels(undefined, undefined)).toBeUndefined();
    const many = Array.from({ length: 64 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    expect(withBuildLabels(many, built)).toHaveLength(64);
  });
});
