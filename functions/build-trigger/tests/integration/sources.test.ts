/** Spec sources (GitHub, GitLab, Codeup, OSS) against local servers, feeding core's loadSpecs. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadSpecs } from "@imagebuild/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalOssServer } from "@imagebuild/local-cloud";
import { codeupSource } from "../../src/providers/codeup.ts";
import { githubSource } from "../../src/providers/github.ts";
import { gitlabSource } from "../../src/providers/gitlab.ts";
import { ossSource } from "../../src/sources/oss-source.ts";
import { startGitHostServer, type GitHostServer } from "../fixtures/git-host-server.ts";
import {
  createSpecRepo,
  DEFAULTS_YAML,
  specYaml,
  writeFiles,
  withoutPinSuggestions,
} from "@imagebuild/test-support";

const repo = createSpecRepo({ files: { "specs/tool-a/1.0.0.yaml": specYaml({ name: "a" }) } });
const first = repo.sha;
const second = repo.commit({
  "specs/tool-a/1.0.0.yaml": specYaml({ name: "changed" }),
  "specs/tool-b/1.0.0.yaml": specYaml({ name: "b" }),
});
let host: GitHostServer;

beforeAll(async () => {
  host = await startGitHostServer({ repoDir: repo.dir, repository: "acme/images" });
});
afterAll(() => host.close());

describe("githubSource", () => {
  it("reads each file at the exact commit and lists the tree", async () => {
    const at = (revision: string) =>
      githubSource({
        apiUrl: host.url,
        repository: "acme/images",
        revision,
        token: "ghp_test",
        allowedHosts: [host.host],
      });
    expect(await at(first).readFile("specs/tool-a/1.0.0.yaml")).toContain("echo a");
    expect(await at(second).readFile("specs/tool-a/1.0.0.yaml")).toContain("echo changed");
    expect(await at(first).readFile("specs/tool-b/1.0.0.yaml")).toBeUndefined();
    expect(await at(second).listFiles("specs")).toEqual([
      "specs/_defaults.yaml",
      "specs/tool-a/1.0.0.yaml",
      "specs/tool-b/1.0.0.yaml",
    ]);
    expect(host.tokens).toContain("Bearer ghp_test");
    expect(
      host.requests.some((r) => r.includes(`contents/specs/tool-a/1.0.0.yaml?ref=${first}`)),
    ).toBe(true);
  });

  it("feeds core's loadSpecs", async () => {
    const source = githubSource({
      apiUrl: host.url,
      repository: "acme/images",
      revision: second,
      allowedHosts: [host.host],
    });
    const { specs, problems } = await loadSpecs({
      source,
      paths: ["specs/tool-b/1.0.0.yaml"],
      env: "local",
    });
    expect(withoutPinSuggestions(problems)).toEqual([]);
    expect(specs.map((spec) => spec.request.Image.Uri)).toEqual([
      "127.0.0.1:5000/pai/tool-b:1.0.0",
    ]);
  });

  it("refuses a host that is not allow-listed, before any request", () => {
    const before = host.requests.length;
    expect(() =>
      githubSource({
        apiUrl: host.url,
        repository: "acme/images",
        revision: first,
        allowedHosts: ["api.github.com"],
      }),
    ).toThrow(/not in IMAGEBUILD_ALLOWED_SOURCE_HOSTS/);
    expect(host.requests.length).toBe(before);
  });
});

describe("gitlabSource", () => {
  it("reads raw files and the tree at the commit, by project id or path", async () => {
    for (const project of [42, "acme/images"]) {
      const source = gitlabSource({
        apiUrl: host.url,
        project,
        revision: second,
        token: "glpat-x",
        allowedHosts: [host.host],
      });
      expect(await source.readFile("specs/tool-b/1.0.0.yaml")).toContain("echo b");
      expect(await source.listFiles("specs")).toContain("specs/tool-b/1.0.0.yaml");
    }
    const old = gitlabSource({
      apiUrl: host.url,
      project: 42,
      revision: first,
      allowedHosts: [host.host],
    });
    expect(await old.readFile("specs/tool-b/1.0.0.yaml")).toBeUndefined();
    expect(host.tokens).toContain("glpat-x");
  });
});

describe("codeupSource", () => {
  it("reads base64 blobs and lists the named files with their _defaults.yaml", async () => {
    const source = codeupSource({
      apiUrl: host.url,
      organizationId: "org1",
      repository: "acme/images",
      revision: second,
      token: "pt-abc",
      allowedHosts: [host.host],
      knownFiles: ["specs/tool-b/1.0.0.yaml"],
    });
    expect(await source.listFiles("specs")).toEqual([
      "specs/_defaults.yaml",
      "specs/tool-b/1.0.0.yaml",
    ]);
    const { specs, problems } = await loadSpecs({
      source,
      paths: ["specs/tool-b/1.0.0.yaml"],
      env: "local",
    });
    expect(withoutPinSuggestions(problems)).toEqual([]);
    expect(specs).toHaveLength(1);
  });
});

describe("ossSource", () => {
  const bucketDir = mkdtempSync(path.join(tmpdir(), "bucket-"));
  writeFiles(bucketDir, {
    "specs/_defaults.yaml": DEFAULTS_YAML,
    "specs/tool-c/1.0.0.yaml": specYaml({ name: "c" }),
  });
  const credentials = {
    accessKeyId: "STS.test",
    accessKeySecret: "sts-secret",
    securityToken: "sts-token",
  };

  it("signs GetObject and ListObjectsV2 (V4) and reads what was uploaded", async () => {
    const oss = await startLocalOssServer({
      rootDir: bucketDir,
      bucket: "specs-bucket",
      region: "cn-hangzhou",
      credentials,
    });
    try {
      const source = ossSource({
        endpoint: oss.url,
        bucket: "specs-bucket",
        region: "cn-hangzhou",
        credentials,
        pinned: { key: "specs/tool-c/1.0.0.yaml" },
      });
      expect(await source.listFiles("specs")).toEqual([
        "specs/_defaults.yaml",
        "specs/tool-c/1.0.0.yaml",
      ]);
      expect(await source.readFile("specs/tool-c/1.0.0.yaml")).toContain("echo c");
      expect(await source.readFile("specs/none/1.0.0.yaml")).toBeUndefined();
      const forged = ossSource({
        endpoint: oss.url,
        bucket: "specs-bucket",
        region: "cn-hangzhou",
        credentials: { ...credentials, accessKeySecret: "wrong" },
      });
      await expect(forged.readFile("specs/tool-c/1.0.0.yaml")).rejects.toThrow(
        /403 SignatureDoesNotMatch/,
      );
    } finally {
      await oss.close();
    }
  });

  it("reads nothing when the object's ETag is no longer the event's (a newer upload builds itself)", async () => {
    const oss = await startLocalOssServer({
      rootDir: bucketDir,
      bucket: "specs-bucket",
      region: "cn-hangzhou",
    });
    try {
      const source = ossSource({
        endpoint: oss.url,
        bucket: "specs-bucket",
        region: "cn-hangzhou",
        credentials,
        pinned: { key: "specs/tool-c/1.0.0.yaml", eTag: "0000" },
      });
      expect(await source.readFile("specs/tool-c/1.0.0.yaml")).toBeUndefined();
    } finally {
      await oss.close();
    }
  });
});
