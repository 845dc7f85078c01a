/** The layer cache's and base labels' pure parts: cache repository names, cache-scope keys and locks, label merging. */
import { describe, expect, it } from "vitest";
import { withBuildLabels } from "../../src/queue/builder.ts";
import { cacheRepository } from "../../src/system/cache-repository.ts";
import { acquireCacheScopeLocks, cacheScopeKeys } from "../../src/system/cache-scope-lock.ts";

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

describe("cacheScopeKeys", () => {
  it("keys each stage by its first instruction, however it is spelled", () => {
    const a = cacheScopeKeys("FROM busybox\nRUN  echo a \\\n   && echo b\nCMD sh\n");
    const b = cacheScopeKeys("# comment\nfrom busybox\n\nrun echo a && echo b\n");
    expect(a).toHaveLength(1);
    expect(b).toEqual(a);
    expect(cacheScopeKeys("FROM busybox\nRUN echo c\n")).not.toEqual(a);
  });

  it("has one key per stage with instructions, none for a bare FROM", () => {
    expect(
      cacheScopeKeys("FROM busybox AS a\nRUN echo a\nFROM debian:bookworm\nFROM a\nRUN echo b\n"),
    ).toHaveLength(2);
    expect(cacheScopeKeys("FROM busybox\n")).toEqual([]);
  });
});

describe("acquireCacheScopeLocks", () => {
  it("makes a second holder of a shared key wait until the first releases", async () => {
    const order: string[] = [];
    const first = await acquireCacheScopeLocks(["k1", "k2"]);
    const second = acquireCacheScopeLocks(["k2"]).then((release) => {
      order.push("second");
      release();
    });
    const other = acquireCacheScopeLocks(["k3"]).then((release) => {
      order.push("other");
      release();
    });
    await other;
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(["other"]);
    first();
    await second;
    expect(order).toEqual(["other", "second"]);
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
