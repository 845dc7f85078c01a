/** The layer cache's and base labels' pure parts: cache repository names, cache-scope keys and locks, base images, label merging. */
import { describe, expect, it } from "vitest";
import { withBuildLabels } from "../../src/queue/builder.ts";
import { baseImageLabels, externalBaseImages } from "../../src/system/base-image-digests.ts";
import { cacheRepository } from "../../src/system/cache-repository.ts";
import { acquireCacheScopeLocks, cacheScopeKeys } from "../../src/system/cache-scope-lock.ts";

const registry = { host: "127.0.0.1:5000" };
const DIGEST = `sha256:${"a".repeat(64)}`;

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

describe("externalBaseImages", () => {
  it("names every FROM and COPY --from image once, normalised, leaving out stages, scratch and ARG-made ones", () => {
    expect(
      externalBaseImages(
        "ARG B=x\nFROM debian:bookworm AS build\nFROM build\nFROM $B\nFROM scratch\nCOPY --from=build /a /a\nCOPY --from=busybox:1.35 /bin/sh /sh\nFROM docker.io/library/debian:bookworm\n",
      ),
    ).toEqual(["docker.io/library/debian:bookworm", "docker.io/library/busybox:1.35"]);
    expect(externalBaseImages(`FROM 127.0.0.1:5000/pai/base@${DIGEST}\n`)).toEqual([
      `127.0.0.1:5000/pai/base@${DIGEST}`,
    ]);
  });
});

describe("baseImageLabels", () => {
  it("numbers the bases from 0, keeps one digest per value and leaves out a value over 256 characters", () => {
    const other = `sha256:${"b".repeat(64)}`;
    expect(
      baseImageLabels([
        { reference: "docker.io/library/debian:bookworm", digest: DIGEST },
        { reference: `r.example/${"x".repeat(200)}:1`, digest: DIGEST },
        { reference: `127.0.0.1:5000/pai/base@${DIGEST}`, digest: other },
      ]),
    ).toEqual([
      { Key: "imagebuild.base.0", Value: `docker.io/library/debian:bookworm@${DIGEST}` },
      { Key: "imagebuild.base.1", Value: `127.0.0.1:5000/pai/base@${other}` },
    ]);
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
