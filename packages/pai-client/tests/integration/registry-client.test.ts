/** The registry client: image references as container tools read them, and manifest HEADs against a real server. */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  headManifestDigest,
  parseImageReference,
  RegistryHttpError,
  registryBaseUrl,
} from "../../src/registry/index.ts";

describe("registryBaseUrl", () => {
  it.each([
    ["127.0.0.1:5000", "http://127.0.0.1:5000"],
    ["localhost", "http://localhost"],
    ["docker.io", "https://registry-1.docker.io"],
    ["acr.example.com", "https://acr.example.com"],
  ])("sends requests for %s to %s", (host, url) => {
    expect(registryBaseUrl(host)).toBe(url);
  });
});

describe("parseImageReference", () => {
  it.each([
    ["127.0.0.1:5000/team/app:1.0", { host: "127.0.0.1:5000", repository: "team/app", tag: "1.0" }],
    [
      "user-test-registry-vpc.cn-wulanchabu.cr.aliyuncs.com/pai-test/pai-test:test-v1",
      {
        host: "user-test-registry-vpc.cn-wulanchabu.cr.aliyuncs.com",
        repository: "pai-test/pai-test",
        tag: "test-v1",
      },
    ],
    ["busybox", { host: "docker.io", repository: "library/busybox", tag: "latest" }],
    ["team/app:2", { host: "docker.io", repository: "team/app", tag: "2" }],
    ["localhost/app", { host: "localhost", repository: "app", tag: "latest" }],
  ])("reads %s", (ref, expected) => {
    expect(parseImageReference(ref)).toEqual({ ok: true, value: expected });
  });

  it.each(["ubuntu:18:04", "UPPER/app:1", "host/app:", "", "a b", "host/app:-tag"])(
    "rejects %j",
    (ref) => {
      expect(parseImageReference(ref)).toMatchObject({
        ok: false,
        reason: expect.stringContaining("not a valid"),
      });
    },
  );
});

describe("headManifestDigest", () => {
  const DIGEST = `sha256:${"ab".repeat(32)}`;
  let server: Server | undefined;
  const seen: IncomingMessage[] = [];

  afterEach(async () => {
    seen.length = 0;
    await new Promise((resolve) => server?.close(resolve));
  });

  async function startRegistry(answer: (req: IncomingMessage) => [number, Record<string, string>]) {
    server = createServer((req, res) => {
      seen.push(req);
      const [status, headers] = answer(req);
      res.writeHead(status, headers).end();
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    return `127.0.0.1:${address.port}`;
  }

  it("answers the digest of a HEAD that accepts indexes, after a Basic challenge", async () => {
    const host = await startRegistry((req) =>
      req.headers.authorization === `Basic ${Buffer.from("u:p").toString("base64")}`
        ? [200, { "Docker-Content-Digest": DIGEST }]
        : [401, { "WWW-Authenticate": 'Basic realm="test"' }],
    );
    const digest = await headManifestDigest({
      host,
      repository: "library/debian",
      reference: "bookworm",
      credentials: { username: "u", password: "p" },
    });
    expect(digest).toBe(DIGEST);
    expect(seen.map((r) => [r.method, r.url])).toEqual([
      ["HEAD", "/v2/library/debian/manifests/bookworm"],
      ["HEAD", "/v2/library/debian/manifests/bookworm"],
    ]);
    expect(seen[0]?.headers.accept).toContain("application/vnd.oci.image.index.v1+json");
  });

  it.each([
    [404, {}, "answered 404"],
    [200, {}, "answered 200 without Docker-Content-Digest"],
  ])("throws on %i %j", async (status, headers, message) => {
    const host = await startRegistry(() => [status, headers]);
    const error = await headManifestDigest({ host, repository: "a/b", reference: "1" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RegistryHttpError);
    expect((error as RegistryHttpError).message).toContain(message);
    expect((error as RegistryHttpError).status).toBe(status);
  });
});
