/** A push of a base spec and a spec built on it: the worker submits the base, the follow step the dependent. */
import { startPaiServer, specYaml } from "@imagebuild/test-support";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { githubPushEvent } from "../fixtures/events.ts";
import { startGitHostServer, type GitHostServer } from "../fixtures/git-host-server.ts";
import {
  buffer,
  createHandlerRepo,
  handlerEnv,
  setupHandler,
} from "../fixtures/handler-harness.ts";

const DEPENDENT = `apiVersion: imagebuild/v1
kind: ImageBuild
build:
  BuildConfig:
    BuildType: CustomDockerfile
    Dockerfile: |
      FROM imagebuild:tool-base:1.0.0
      RUN echo dependent > /name
`;

const repo = createHandlerRepo();
const first = repo.sha;
const second = repo.commit({
  "specs/tool-base/1.0.0.yaml": specYaml({ name: "base" }),
  "specs/tool-app/1.0.0.yaml": DEPENDENT,
});
// Each test reads its own git host, so the statuses it records are that test's.
let git: GitHostServer;
beforeEach(async () => {
  git = await startGitHostServer({ repoDir: repo.dir, repository: "acme/images" });
});
afterEach(() => git.close());
afterAll(() => repo.cleanup());

const payload = {
  ref: "refs/heads/main",
  before: first,
  after: second,
  repository: { full_name: "acme/images" },
  commits: [{ id: second, added: ["specs/tool-app/1.0.0.yaml", "specs/tool-base/1.0.0.yaml"] }],
};

describe("a push with a spec built on another", () => {
  it("submits the dependent only after its base succeeded, on the base's image", async () => {
    const pai = await startPaiServer();
    try {
      const { handler, queue } = setupHandler(handlerEnv({ pai, github: git, repoDir: repo.dir }));
      await handler(buffer(githubPushEvent({ payload })));
      await queue.idle();
      const builds = [...pai.builds.values()];
      expect(builds.map((build) => build.request.Image.Name)).toEqual(["tool-base", "tool-app"]);
      const base = pai.jobs.get(builds[0]?.jobId ?? "");
      const app = builds[1];
      // The base's job had ended when the dependent was created.
      expect(base?.status).toBe("Succeeded");
      expect(app?.request.BuildConfig.Dockerfile).toContain(`FROM ${builds[0]?.request.Image.Uri}`);
      expect(
        git.statuses.filter((s) => s.context === "imagebuild/tool-app:1.0.0").map((s) => s.state),
      ).toEqual(["pending", "pending", "success"]);
    } finally {
      await pai.close();
    }
  });

  it("marks the dependent blocked, with the reason, when its base fails; it is never built", async () => {
    const pai = await startPaiServer({ failingImageNames: ["tool-base"] });
    try {
      const { handler, queue } = setupHandler(handlerEnv({ pai, github: git, repoDir: repo.dir }));
      await handler(buffer(githubPushEvent({ payload })));
      await queue.idle();
      expect([...pai.builds.values()].map((build) => build.request.Image.Name)).toEqual([
        "tool-base",
      ]);
      const app = git.statuses.filter((s) => s.context === "imagebuild/tool-app:1.0.0");
      expect(app.map((s) => s.state)).toEqual(["pending", "failure"]);
      expect(app[1]?.description).toMatch(
        /not built: its base specs\/tool-base\/1\.0\.0\.yaml: Failed/,
      );
    } finally {
      await pai.close();
    }
  });
});
