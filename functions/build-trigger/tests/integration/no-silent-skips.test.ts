/** A source that cannot be read is an error in the answer, never `skipped`; Codeup pushes compute their files; GitLab's API root works. */
import { startPaiServer, specYaml } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubPushEvent, httpEvent } from "../fixtures/events.ts";
import { startGitHostServer, type GitHostServer } from "../fixtures/git-host-server.ts";
import {
  buffer,
  createHandlerRepo,
  handlerEnv,
  parse,
  setupHandler,
} from "../fixtures/handler-harness.ts";

const repo = createHandlerRepo();
const first = repo.sha;
const second = repo.commit({
  "specs/tool-d/1.0.0.yaml": specYaml({ name: "d" }),
  "specs/tool-a/1.0.0.yaml": specYaml({ name: "a2" }),
});
let privateHost: GitHostServer;

beforeAll(async () => {
  privateHost = await startGitHostServer({
    repoDir: repo.dir,
    repository: "acme/images",
    privateRepository: true,
  });
});
afterAll(() => privateHost.close());

const githubPush = {
  ref: "refs/heads/main",
  before: first,
  after: second,
  repository: { full_name: "acme/images" },
  commits: [
    { id: second, added: ["specs/tool-d/1.0.0.yaml"], modified: ["specs/tool-a/1.0.0.yaml"] },
  ],
};

describe("no silent skips", () => {
  it("a private GitHub repository without a token: accepted, then an error result per spec from the worker, no build", async () => {
    const pai = await startPaiServer();
    try {
      const env = handlerEnv({ pai, github: privateHost, repoDir: repo.dir });
      delete (env as Record<string, string | undefined>).IMAGEBUILD_GITHUB_TOKEN;
      const { handler } = setupHandler(env);
      const answer = parse(await handler(buffer(githubPushEvent({ payload: githubPush }))));
      expect(answer.statusCode).toBe(202);
      const results = answer.body.results as { file: string; status: string; reason: string }[];
      expect(results.map((result) => result.status)).toEqual(["error", "error"]);
      expect(results[0]?.reason).toMatch(/HTTP 404.*IMAGEBUILD_GITHUB_TOKEN/);
      expect(JSON.stringify(answer.body)).not.toContain("skipped");
      expect(pai.stats.createCalls).toBe(0);
    } finally {
      await pai.close();
    }
  });

  it("GitLab: the instance URL and its /api/v4 root both read; a private project without a token is an error", async () => {
    const pai = await startPaiServer();
    const open = await startGitHostServer({ repoDir: repo.dir, repository: "acme/images" });
    try {
      const body = JSON.stringify({
        ...githubPush,
        project: { path_with_namespace: "acme/images" },
      });
      const event = (key: string) =>
        httpEvent({
          body,
          headers: {
            "X-Gitlab-Event": "Push Hook",
            "X-Gitlab-Token": "gitlab-token-value",
            "Idempotency-Key": key,
          },
        });
      for (const apiUrl of [open.url, `${open.url}/api/v4`, `${open.url}/api/v4/`]) {
        const { handler } = setupHandler(
          handlerEnv({
            pai,
            github: open,
            repoDir: repo.dir,
            extra: { IMAGEBUILD_GITLAB_API_URL: apiUrl },
          }),
        );
        const answer = parse(await handler(buffer(event(apiUrl))));
        expect(answer.statusCode, apiUrl).toBe(202);
        expect((answer.body.results as { status: string }[]).map((r) => r.status)).toEqual([
          "submitted",
          "submitted",
        ]);
      }
      expect(open.requests.some((request) => request.includes("/api/v4/api/v4"))).toBe(false);
      const { handler } = setupHandler(
        handlerEnv({
          pai,
          github: privateHost,
          repoDir: repo.dir,
          extra: { IMAGEBUILD_GITLAB_API_URL: privateHost.url },
        }),
      );
      const denied = parse(await handler(buffer(event("private"))));
      expect(denied.statusCode).toBe(202);
      expect(denied.body.results).toMatchObject([
        { status: "error", code: "SOURCE_NOT_FOUND" },
        { status: "error", code: "SOURCE_NOT_FOUND" },
      ]);
    } finally {
      await open.close();
      await pai.close();
    }
  });

  it("a documented Codeup push (no file lists) builds the specs that before..after changed", async () => {
    const pai = await startPaiServer();
    const host = await startGitHostServer({ repoDir: repo.dir, repository: "acme/images" });
    try {
      const { handler } = setupHandler(
        handlerEnv({
          pai,
          github: host,
          repoDir: repo.dir,
          extra: {
            IMAGEBUILD_CODEUP_API_URL: host.url,
            IMAGEBUILD_CODEUP_ORGANIZATION_ID: "org1",
            IMAGEBUILD_CODEUP_TOKEN: "codeup-api-token",
          },
        }),
      );
      // The shape of Codeup's documented push payload: commits carry ids, no added/modified/removed.
      const documented = {
        object_kind: "push",
        ref: "refs/heads/main",
        before: first,
        after: second,
        project_id: 42,
        repository: { name: "images", git_http_url: "https://codeup.example.com/acme/images.git" },
        total_commits_count: 1,
        commits: [{ id: second }],
      };
      const answer = parse(
        await handler(
          buffer(
            httpEvent({
              body: JSON.stringify(documented),
              headers: { "Codeup-Event": "Push Hook", "X-Codeup-Token": "codeup-token-value" },
            }),
          ),
        ),
      );
      expect(answer.statusCode).toBe(202);
      expect(answer.body.results).toMatchObject([
        { file: "specs/tool-a/1.0.0.yaml", status: "submitted" },
        { file: "specs/tool-d/1.0.0.yaml", status: "submitted" },
      ]);
      expect(pai.builds.size).toBe(2);
      expect(
        host.requests.some((request) =>
          request.startsWith(
            `GET /oapi/v1/codeup/organizations/org1/repositories/acme%2Fimages/compares?from=${first}&to=${second}`,
          ),
        ),
      ).toBe(true);
    } finally {
      await host.close();
      await pai.close();
    }
  });
});
