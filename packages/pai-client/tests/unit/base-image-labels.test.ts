/** The base-image list of a Dockerfile, the `imagebuild.base.<n>` labels written and read back, and where a registry host is reached. */
import { describe, expect, it } from "vitest";
import {
  baseImageLabels,
  externalBaseImages,
  readBaseImageLabels,
  registryBaseUrl,
} from "../../src/registry/index.ts";

const DIGEST = `sha256:${"a".repeat(64)}`;

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

describe("readBaseImageLabels", () => {
  it("reads back what baseImageLabels wrote, in label order, ignoring other labels and values without a digest", () => {
    const bases = [
      { reference: "docker.io/library/debian:bookworm", digest: DIGEST },
      { reference: "127.0.0.1:5000/pai/tools:1.0.0", digest: `sha256:${"c".repeat(64)}` },
    ];
    const labels = [
      { Key: "team", Value: "platform" },
      { Key: "imagebuild.base.9", Value: "not-a-digest" },
      ...baseImageLabels(bases).reverse(),
    ];
    expect(readBaseImageLabels(labels)).toEqual(bases);
    expect(readBaseImageLabels(undefined)).toEqual([]);
    expect(readBaseImageLabels([{ Key: "team", Value: "platform" }])).toEqual([]);
  });
});

describe("registryBaseUrl", () => {
  it("reaches Docker Hub's image-name host at registry-1.docker.io, loopback over HTTP, others over HTTPS", () => {
    expect(registryBaseUrl("docker.io")).toBe("https://registry-1.docker.io");
    expect(registryBaseUrl("127.0.0.1:5000")).toBe("http://127.0.0.1:5000");
    expect(registryBaseUrl("r.example.com")).toBe("https://r.example.com");
  });
});
