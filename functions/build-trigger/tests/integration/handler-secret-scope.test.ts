/** A push whose spec names a variable outside the secret namespace, or a host its secret is not bound to: an invalid result naming the field, and no CreateImageBuild for it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSpecRepo, type PaiServer, startPaiServer } from "@imagebuild/test-support";
import { githubPush, githubPushEvent } from "../fixtures/events.ts";
import { type GitHostServer, startGitHostServer } from "../fixtures/git-host-server.ts";
import { buffer, handlerEnv, parse, setupHandler } from "../fixtures/handler-harness.ts";

// The function's git token (handlerEnv sets it) and a bound registry secret.
const GIT_TOKEN = "ghp_secret_api_token";
const PUSH_SECRET = "robot:push-secret-9a8b7c";

const spec = (auths: string) => `apiVersion: imagebuild/v1
kind: ImageBuild
registry: 127.0.0.1:5000/pai
build:
  WorkspaceId: local
  Resource: { EcsSpec: ecs.c6.large }
  TargetRegistry: { Type: AcrEnterprise }
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM busybox:1.36
    RegistryAuths:
${auths}environments:
  local: {}
`;

const LEAK = "specs/leak/1.0.0.yaml";
const STEAL = "specs/steal/1.0.0.yaml";
const GOOD = "specs/good/1.0.0.yaml";
const repo = createSpecRepo({
  files: {
    [LEAK]: spec("      127.0.0.1:5000:\n        fromEnv: IMAGEBUILD_GITHUB_TOKEN\n"),
    [STEAL]: spec("      attacker.example.com:\n        secret: acr-push\n"),
    [GOOD]: spec("      127.0.0.1:5000:\n        secret: acr-push\n"),
  },
});

let github: GitHostServer;
let pai: PaiServer;
beforeAll(async () => {
  github = await startGitHostServer({ repoDir: repo.dir, repository: "acme/images" });
  pai = await startPaiServer();
});
afterAll(async () => {
  await github.close();
  await pai.close();
  repo.cleanup();
});

describe("secret scope in the function", () => {
  it("answers invalid naming file and field, builds only the bound spec, and sends no other value", async () => {
    const { handler, lines } = setupHandler(
      handlerEnv({
        pai,
        github,
        repoDir: repo.dir,
        extra: {
          IMAGEBUILD_SECRET_ACR_PUSH: PUSH_SECRET,
          IMAGEBUILD_SECRET_HOSTS: JSON.stringify({ ACR_PUSH: ["127.0.0.1:5000"] }),
        },
      }),
    );
    const push = githubPush({ files: [GOOD, LEAK, STEAL], after: repo.sha });
    const response = parse(await handler(buffer(githubPushEvent({ payload: push }))));
    expect(response.statusCode).toBe(202);
    const results = response.body.results as { file: string; status: string }[];
    expect(results).toEqual([
      expect.objectContaining({ file: GOOD, status: "submitted" }),
      {
        file: LEAK,
        status: "invalid",
        problems: [
          expect.stringMatching(
            /^specs\/leak\/1\.0\.0\.yaml:\d+:\d+: secret-scope: build\.BuildConfig\.RegistryAuths\.127\.0\.0\.1:5000\.fromEnv: IMAGEBUILD_GITHUB_TOKEN is outside the secret namespace/,
          ),
        ],
      },
      {
        file: STEAL,
        status: "invalid",
        problems: [
          expect.stringMatching(
            /^specs\/steal\/1\.0\.0\.yaml:\d+:\d+: secret-scope: build\.BuildConfig\.RegistryAuths\.attacker\.example\.com\.secret: secret ACR_PUSH is not bound to registry attacker\.example\.com/,
          ),
        ],
      },
    ]);
    // One CreateImageBuild, for the bound spec; the others were never sent.
    const creates = pai.seen.filter((r) => r.method === "POST" && r.path === "/api/v1/imagebuilds");
    expect(creates).toHaveLength(1);
    expect([...pai.builds.values()].map((b) => b.imageUri)).toEqual([
      "127.0.0.1:5000/pai/good:1.0.0",
    ]);
    const wire = pai.seen.map((r) => r.body).join("\n");
    expect(wire).not.toContain("attacker.example.com");
    expect(wire).not.toContain(Buffer.from(GIT_TOKEN).toString("base64"));
    expect(wire).not.toContain(GIT_TOKEN);
    const [build] = [...pai.builds.values()];
    const { RegistryAuths, ...buildConfig } = build?.request.BuildConfig ?? {};
    expect(RegistryAuths).toEqual({
      "127.0.0.1:5000": { Auth: Buffer.from(PUSH_SECRET).toString("base64") },
    });
    expect(JSON.stringify({ ...build?.request, BuildConfig: buildConfig })).not.toContain(
      Buffer.from(PUSH_SECRET).toString("base64"),
    );
    const log = lines.join("");
    for (const value of [GIT_TOKEN, PUSH_SECRET, Buffer.from(PUSH_SECRET).toString("base64")])
      expect(log).not.toContain(value);
  });

  it("with no binding configured, a spec naming a secret is invalid and nothing is sent", async () => {
    const before = pai.stats.createCalls;
    const { handler } = setupHandler(
      handlerEnv({
        pai,
        github,
        repoDir: repo.dir,
        extra: { IMAGEBUILD_SECRET_ACR_PUSH: PUSH_SECRET },
      }),
    );
    const push = githubPush({ files: [GOOD], after: repo.sha });
    const response = parse(
      await handler(buffer(githubPushEvent({ payload: push, delivery: "d-unbound" }))),
    );
    expect(response.body.results).toEqual([
      {
        file: GOOD,
        status: "invalid",
        problems: [
          expect.stringContaining(
            "secret ACR_PUSH is not bound to registry 127.0.0.1:5000 (bound to no host)",
          ),
        ],
      },
    ]);
    expect(pai.stats.createCalls).toBe(before);
  });
});
