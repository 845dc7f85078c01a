/** End to end: the base-change timer through the bundle on the local service: a re-seeded busybox rebuilds exactly the specs built on it, once. */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLocalPai, type LocalPai } from "@imagebuild/local-pai";
import { createPaiClient, type PaiClient } from "@imagebuild/pai-client";
import { MANIFEST_ACCEPT } from "@imagebuild/pai-client/registry";
import type { InvocationAnswer, SpecResult } from "@imagebuild/schema";
import { createSpecRepo } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevPipeline, startDevPipeline } from "../../src/dev/start-dev-pipeline.ts";
import { functionSYaml } from "../fixtures/function-s-yaml.ts";

const BUILD_TIMEOUT_MS = 300_000;
// The base images are made once per machine; the local-pai tests share the same cache.
process.env.IMAGEBUILD_CACHE_DIR ||= path.join(tmpdir(), "imagebuild-local-pai-test-cache");
// The local service seeds busybox under the version of the installed busybox-static (e.g. 1.35).
const BUSYBOX_TAG =
  /v(\d+\.\d+)/.exec(execFileSync("busybox", { encoding: "utf8" }).split("\n")[0] ?? "")?.[1] ??
  "latest";
const LOGIN = { username: "e2e", password: randomBytes(12).toString("hex") };

const spec = (from: string, policy: string) => `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM ${from}
      RUN echo built > /built
${policy}`;
const WATCHED = "policy: { tag: overwrite, rebuild: on-base-change }\n";
const ON_BUSYBOX = ["specs/bb-motd/1.0.0.yaml", "specs/bb-tools/1.0.0.yaml"];
const ON_DEBIAN = "specs/deb-tools/1.0.0.yaml";
const UNWATCHED = "specs/bb-plain/1.0.0.yaml";

const dataDir = mkdtempSync(path.join(tmpdir(), "local-cloud-base-change-"));
const bucketDir = mkdtempSync(path.join(tmpdir(), "local-cloud-base-change-bucket-"));
const sYaml = functionSYaml();
const cleanup: string[] = [dataDir, bucketDir];
let pai: LocalPai;
let dev: DevPipeline;
let client: PaiClient;

beforeAll(async () => {
  pai = await createLocalPai({
    dataDir,
    port: 0,
    registryPort: 0,
    registryAuth: LOGIN,
    seedImages: ["busybox", "debian:bookworm"],
    concurrency: 2,
  });
  // The function HEADs the bases when it submits an on-base-change spec: they must be seeded first.
  await pai.baseImagesReady();
  const repo = createSpecRepo({
    files: {
      [ON_BUSYBOX[0] as string]: spec(`busybox:${BUSYBOX_TAG}`, WATCHED),
      [ON_BUSYBOX[1] as string]: spec(`docker.io/library/busybox:${BUSYBOX_TAG}`, WATCHED),
      [ON_DEBIAN]: spec("debian:bookworm", WATCHED),
      [UNWATCHED]: spec(`busybox:${BUSYBOX_TAG}`, ""),
    },
    registry: `${pai.registry.host}/pai`,
  });
  cleanup.push(repo.dir);
  dev = await startDevPipeline({
    repoDir: repo.dir,
    bucketDir,
    paiUrl: pai.url,
    registryUrl: pai.registry.url,
    registryAuth: LOGIN,
    secret: "base-change-secret-0123456789abcdef",
    sYamlPath: sYaml.path,
    env: {},
    out: () => {},
    timers: false,
  });
  client = createPaiClient({ endpoint: pai.url, env: {} });
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await client?.close();
  await dev?.close();
  await pai?.close();
  sYaml.cleanup();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const basic = `Basic ${Buffer.from(`${LOGIN.username}:${LOGIN.password}`).toString("base64")}`;

/** Pushes the busybox manifest again under its tag with one more annotation: same layers, a new digest. */
async function reseedBusybox(): Promise<string> {
  const url = `${pai.registry.url}/v2/library/busybox/manifests/${BUSYBOX_TAG}`;
  const got = await fetch(url, { headers: { Accept: MANIFEST_ACCEPT, Authorization: basic } });
  const mediaType = got.headers.get("content-type") ?? "";
  const manifest = (await got.json()) as { annotations?: Record<string, string> };
  manifest.annotations = { ...manifest.annotations, "org.imagebuild.test.reseeded": "1" };
  const put = await fetch(url, {
    method: "PUT",
    headers: { "Content-Type": mediaType, Authorization: basic },
    body: JSON.stringify(manifest),
  });
  expect(put.status).toBe(201);
  return put.headers.get("docker-content-digest") ?? "";
}

const jobCount = async () => (await client.listJobs({ PageSize: 100 })).TotalCount;
const submitted = (results: readonly SpecResult[]) =>
  results.filter((r) => r.status === "submitted").map((r) => r.file);
const baseLabel = async (name: string) => {
  const { Images } = await client.listImages({ WorkspaceId: "local", Name: name, Verbose: "true" });
  return Images[0]?.Labels?.find((label) => label.Key === "imagebuild.base.0")?.Value;
};

async function tick() {
  const answer = (await dev.tick("base-changes")) as Extract<
    InvocationAnswer,
    { status: "processed" }
  >;
  expect(answer.status).toBe("processed");
  return answer;
}

describe("base-change rebuilds on the local service (real buildah builds, real registry)", () => {
  it(
    "a re-seeded busybox rebuilds exactly the on-base-change specs built on it, once; a second tick builds nothing",
    async () => {
      const pushed = await dev.push({ all: true, followInBackground: false });
      expect(pushed.results.filter((r) => r.status !== "submitted")).toEqual([]);
      expect(submitted(pushed.results).sort()).toEqual(
        [...ON_BUSYBOX, ON_DEBIAN, UNWATCHED].sort(),
      );
      expect(await dev.waitForBuilds(pushed.results)).toEqual([]);
      const before = await jobCount();
      expect(before).toBe(4);
      const oldLabel = await baseLabel("bb-motd");
      expect(oldLabel).toMatch(
        new RegExp(`^docker\\.io/library/busybox:${BUSYBOX_TAG.replace(".", "\\.")}@sha256:`),
      );

      // Nothing changed yet: the tick compares and builds nothing.
      const quiet = await tick();
      expect(quiet.baseChanges).toEqual({
        rebuilt: [],
        unchanged: [...ON_BUSYBOX, ON_DEBIAN].sort(),
        unknown: [],
        failed: [],
      });

      const digest = await reseedBusybox();
      expect(oldLabel?.endsWith(digest)).toBe(false);
      const first = await tick();
      expect(first.baseChanges).toEqual({
        rebuilt: ON_BUSYBOX,
        unchanged: [ON_DEBIAN],
        unknown: [],
        failed: [],
      });
      // FC retries a tick, and the next one may come while the builds run: the same ClientTokens.
      // A rebuild that already ended registered the new digest, so it reads as unchanged; one still
      // running is "rebuilt" under the same ClientToken. Either way no job is added.
      const retried = await tick();
      expect(
        [...(retried.baseChanges?.rebuilt ?? []), ...(retried.baseChanges?.unchanged ?? [])].sort(),
      ).toEqual([...ON_BUSYBOX, ON_DEBIAN].sort());
      expect(submitted(retried.results).every((file) => ON_BUSYBOX.includes(file))).toBe(true);
      expect(await jobCount()).toBe(before + 2);
      expect(await dev.waitForBuilds(first.results)).toEqual([]);
      expect(await baseLabel("bb-motd")).toBe(`docker.io/library/busybox:${BUSYBOX_TAG}@${digest}`);
      expect(await baseLabel("bb-tools")).toBe(
        `docker.io/library/busybox:${BUSYBOX_TAG}@${digest}`,
      );

      const second = await tick();
      expect(submitted(second.results)).toEqual([]);
      expect(second.baseChanges?.unchanged).toEqual([...ON_BUSYBOX, ON_DEBIAN].sort());
      expect(await jobCount()).toBe(before + 2);
    },
    BUILD_TIMEOUT_MS * 2,
  );
});
