/** imagebuild pin against a real registry (behind htpasswd): the index digest written in place, --check, --dry-run, built versions refused. */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startRegistry, type RegistryHandle } from "@imagebuild/local-pai";
import { createSpecRepo, type SpecRepo } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin } from "../fixtures/run-bin.ts";

const USER = "puller";
const PASSWORD = "pin-test-horse-battery";
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;

let dataDir: string;
let registry: RegistryHandle;
let repo: SpecRepo;
/** The digest of the index pushed as team/base:1, and of its amd64 manifest. */
let indexDigest: string;
let platformDigest: string;

const sha256 = (bytes: Buffer | string) =>
  `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

/** Pushes a blob and answers its descriptor. */
async function pushBlob(repository: string, bytes: Buffer, mediaType: string) {
  const digest = sha256(bytes);
  const start = await fetch(`${registry.url}/v2/${repository}/blobs/uploads/`, {
    method: "POST",
    headers: { Authorization: BASIC },
  });
  expect(start.status).toBe(202);
  const location = new URL(start.headers.get("location") ?? "", registry.url);
  location.searchParams.set("digest", digest);
  const put = await fetch(location, {
    method: "PUT",
    headers: { Authorization: BASIC, "Content-Type": "application/octet-stream" },
    body: bytes,
  });
  expect(put.status).toBe(201);
  return { mediaType, digest, size: bytes.length };
}

async function pushManifest(
  repository: string,
  reference: string,
  body: object,
  mediaType: string,
) {
  const bytes = Buffer.from(JSON.stringify(body));
  const res = await fetch(`${registry.url}/v2/${repository}/manifests/${reference}`, {
    method: "PUT",
    headers: { Authorization: BASIC, "Content-Type": mediaType },
    body: bytes,
  });
  expect(res.status).toBe(201);
  return { mediaType, digest: sha256(bytes), size: bytes.length };
}

/** A two-platform image: an OCI index over an amd64 and an arm64 manifest, tagged `tag`. */
async function pushIndex(repository: string, tag: string, marker: string) {
  const manifests = [];
  for (const architecture of ["amd64", "arm64"]) {
    const config = await pushBlob(
      repository,
      Buffer.from(
        JSON.stringify({
          architecture,
          os: "linux",
          marker,
          rootfs: { type: "layers", diff_ids: [] },
        }),
      ),
      "application/vnd.oci.image.config.v1+json",
    );
    const manifest = await pushManifest(
      repository,
      sha256(JSON.stringify({ architecture, marker })).slice(7, 19),
      {
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config,
        layers: [],
      },
      "application/vnd.oci.image.manifest.v1+json",
    );
    manifests.push({ ...manifest, platform: { architecture, os: "linux" } });
  }
  const index = await pushManifest(
    repository,
    tag,
    { schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests },
    "application/vnd.oci.image.index.v1+json",
  );
  return { index: index.digest, platform: (manifests[0] as { digest: string }).digest };
}

const spec = (
  dockerfile: string,
  buildType = "CustomDockerfile",
) => `# yaml-language-server: $schema=../../packages/schema/schemas/spec.schema.json
# A comment the pin keeps.
apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: ${buildType}
${dockerfile}    RegistryAuths:
      # Pull with the team's robot.
      "${registryHostPlaceholder}":
        secret: team-pull
environments:
  local:
    registry: 127.0.0.1:5000/pai
    build:
      WorkspaceId: local
`;
const registryHostPlaceholder = "@REGISTRY@";
const withHost = (text: string) => text.replaceAll(registryHostPlaceholder, registry.host);

const sidecarSpec = () => withHost(spec("    DockerfileFile: Dockerfile\n"));
const sidecar = () =>
  `# syntax=docker/dockerfile:1\r\nFROM --platform=linux/amd64 ${registry.host}/team/base:1 AS build\r\nRUN true\r\n`;

const env = () => ({
  IMAGEBUILD_SECRET_HOSTS: JSON.stringify({ TEAM_PULL: [registry.host] }),
  IMAGEBUILD_SECRET_TEAM_PULL: `${USER}:${PASSWORD}`,
});
const read = (file: string) => readFileSync(path.join(repo.dir, file), "utf8");
const pin = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
  runBin(["pin", ...args], { cwd: repo.dir, env: { ...env(), ...extraEnv } });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "imagebuild-pin-"));
  registry = await startRegistry({ dataDir, htpasswd: { username: USER, password: PASSWORD } });
  ({ index: indexDigest, platform: platformDigest } = await pushIndex("team/base", "1", "first"));
  // Built versions: on main, so in the merge base that pin checks against.
  repo = createSpecRepo({
    files: {
      "specs/tool/1.0.0.yaml": sidecarSpec(),
      "specs/tool/Dockerfile": sidecar(),
      "specs/shared/1.0.0.yaml": sidecarSpec(),
      "specs/shared/Dockerfile": sidecar(),
    },
  });
}, 60_000);

afterAll(async () => {
  repo?.cleanup();
  await registry?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// Each case runs the bin several times, a few seconds each on a loaded machine.
describe("pin", { timeout: 240_000 }, () => {
  it("has pushed a multi-platform tag whose Docker-Content-Digest is the index's, not a platform's", async () => {
    const head = await fetch(`${registry.url}/v2/team/base/manifests/1`, {
      method: "HEAD",
      headers: { Authorization: BASIC, Accept: "application/vnd.oci.image.index.v1+json" },
    });
    expect(head.headers.get("docker-content-digest")).toBe(indexDigest);
    expect(indexDigest).not.toBe(platformDigest);
  });

  it("pins a new version's sidecar: --check fails, --dry-run writes nothing, pin writes the index digest, the lint is satisfied", async () => {
    repo.write("specs/tool/1.1.0.yaml", withHost(spec("    DockerfileFile: 1.1.0.Dockerfile\n")));
    repo.write("specs/tool/1.1.0.Dockerfile", sidecar());
    const before = read("specs/tool/1.1.0.Dockerfile");

    const lint = await runBin(["validate", "specs/tool/1.1.0.yaml", "--json"], {
      cwd: repo.dir,
      env: env(),
    });
    expect(JSON.parse(lint.stdout).problems).toEqual([
      expect.objectContaining({
        ruleId: "pin-base-digest",
        file: "specs/tool/1.1.0.Dockerfile",
        line: 2,
        column: 1,
      }),
    ]);

    const check = await pin(["--check", "specs/tool/1.1.0.yaml"]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      `specs/tool/1.1.0.Dockerfile:2:1: FROM ${registry.host}/team/base:1: no digest\n`,
    );

    const dry = await pin(["--dry-run", "specs/tool/1.1.0.yaml"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      `--- a/specs/tool/1.1.0.Dockerfile\n+++ b/specs/tool/1.1.0.Dockerfile\n@@ -2 +2 @@\n-FROM --platform=linux/amd64 ${registry.host}/team/base:1 AS build\n+FROM --platform=linux/amd64 ${registry.host}/team/base:1@${indexDigest} AS build\n`,
    );
    expect(read("specs/tool/1.1.0.Dockerfile")).toBe(before);

    const done = await pin(["specs/tool/1.1.0.yaml", "--json"]);
    expect(done.code).toBe(0);
    const body = JSON.parse(done.stdout);
    expect(body).toMatchObject({ ok: true, written: ["specs/tool/1.1.0.Dockerfile"], refused: [] });
    expect(body.pinned).toEqual([
      expect.objectContaining({
        line: 2,
        digest: indexDigest,
        pinned: `${registry.host}/team/base:1@${indexDigest}`,
      }),
    ]);
    expect(read("specs/tool/1.1.0.Dockerfile")).toBe(
      before.replace(`team/base:1 AS`, `team/base:1@${indexDigest} AS`),
    );
    expect(done.stdout).not.toContain(PASSWORD);

    expect((await pin(["--check", "specs/tool/1.1.0.yaml"])).code).toBe(0);
    const relint = await runBin(["validate", "specs/tool/1.1.0.yaml", "--json"], {
      cwd: repo.dir,
      env: env(),
    });
    expect(JSON.parse(relint.stdout)).toMatchObject({ ok: true, problems: [] });

    // Pinned lines stay as they are, until --update re-resolves their tag.
    const again = await pin(["specs/tool/1.1.0.yaml", "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, pinned: [], written: [] });
    const moved = await pushIndex("team/base", "1", "second");
    const update = await pin(["specs/tool/1.1.0.yaml", "--update"]);
    expect(update.code).toBe(0);
    expect(read("specs/tool/1.1.0.Dockerfile")).toContain(`team/base:1@${moved.index} AS build`);
  });

  it("edits an inline Dockerfile in the spec YAML, keeping its comments and every other byte", async () => {
    const text = withHost(
      spec(
        `    Dockerfile: |\n      # the base\n      FROM ${registryHostPlaceholder}/team/base:1\n      COPY --from=${registryHostPlaceholder}/team/base:1 /etc /etc\n      RUN true\n`,
      ),
    );
    repo.write("specs/inline/1.0.0.yaml", text);
    const done = await pin(["specs/inline"]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/pinned 2 bases in 1 file\n$/);
    const after = read("specs/inline/1.0.0.yaml");
    const digest = after.match(/team\/base:1@(sha256:[a-f0-9]{64})\n/)?.[1] as string;
    expect(after).toBe(
      text
        .replace(`team/base:1\n`, `team/base:1@${digest}\n`)
        .replace(`team/base:1 /etc`, `team/base:1@${digest} /etc`),
    );
    expect(after).toContain("# A comment the pin keeps.\n");
  });

  it("pins a PackageInstallation's Packages.Base in its YAML field", async () => {
    const text = withHost(
      spec(
        `    Packages:\n      Base: "${registryHostPlaceholder}/team/base:1" # quoted\n      Apt: [curl]\n`,
        "PackageInstallation",
      ),
    );
    repo.write("specs/packaged/1.0.0.yaml", text);
    const done = await pin(["specs/packaged/1.0.0.yaml", "--json"]);
    expect(done.code, done.stdout).toBe(0);
    const [pinned] = JSON.parse(done.stdout).pinned;
    expect(read("specs/packaged/1.0.0.yaml")).toBe(
      text.replace(`team/base:1" # quoted`, `team/base:1@${pinned.digest}" # quoted`),
    );
    expect((await pin(["--check", "specs/packaged/1.0.0.yaml"])).code).toBe(0);
  });

  it("refuses a built version and says how to make a new one; --force pins it", async () => {
    const before = read("specs/tool/Dockerfile");
    const refused = await pin(["specs/tool/1.0.0.yaml"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("specs/tool/Dockerfile: refused: ");
    expect(refused.stdout).toContain("specs/tool/1.0.0.yaml was built");
    expect(refused.stdout).toContain("imagebuild new tool <VERSION> --from specs/tool/1.0.0.yaml");
    expect(read("specs/tool/Dockerfile")).toBe(before);

    // A built version's line is listed by --check but does not fail it: it cannot be pinned.
    const check = await pin(["--check", "specs/tool/1.0.0.yaml"]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("in a built version (left as is)");

    const forced = await pin(["specs/tool/1.0.0.yaml", "--force"]);
    expect(forced.code).toBe(0);
    expect(read("specs/tool/Dockerfile")).toMatch(/team\/base:1@sha256:[a-f0-9]{64} AS build/);
  });

  it("refuses a sidecar shared with a built version, naming every version that shares it", async () => {
    repo.write("specs/shared/1.1.0.yaml", sidecarSpec());
    const refused = await pin(["specs/shared/1.1.0.yaml", "--json"]);
    expect(refused.code).toBe(1);
    const body = JSON.parse(refused.stdout);
    expect(body.refused).toEqual([
      expect.objectContaining({
        file: "specs/shared/Dockerfile",
        built: ["specs/shared/1.0.0.yaml"],
        sharers: ["specs/shared/1.0.0.yaml", "specs/shared/1.1.0.yaml"],
      }),
    ]);
    expect(body.refused[0].reason).toContain(
      "specs/shared/Dockerfile is the Dockerfile of specs/shared/1.0.0.yaml, specs/shared/1.1.0.yaml",
    );
    expect(body.written).toEqual([]);
  });

  it("names the unset credential variable and writes nothing", async () => {
    repo.write(
      "specs/nocreds/1.0.0.yaml",
      withHost(spec(`    Dockerfile: |\n      FROM ${registryHostPlaceholder}/team/base:1\n`)),
    );
    const before = read("specs/nocreds/1.0.0.yaml");
    const failed = await pin(["specs/nocreds/1.0.0.yaml"], { IMAGEBUILD_SECRET_TEAM_PULL: "" });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      "not pinned: specs/nocreds/1.0.0.yaml: BuildConfig.RegistryAuths.",
    );
    expect(failed.stdout).toContain("IMAGEBUILD_SECRET_TEAM_PULL is not set");
    expect(read("specs/nocreds/1.0.0.yaml")).toBe(before);
  });

  it("explains itself in --help", async () => {
    const help = await runBin(["pin", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("never a local mirror");
    expect(help.stdout).toContain("index digest");
    expect(help.stdout).toMatch(/Examples:\n {2}imagebuild pin /);
  });
});
