import type { SpecResult } from "@imagebuild/schema";
import { startChatServer } from "@imagebuild/local-cloud";
import { BAD_SPEC_YAML, startPaiServer, specYaml } from "@imagebuild/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { createReporter } from "../../src/report/create-reporter.ts";
import { githubPushEvent } from "../fixtures/events.ts";
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
  "specs/tool-b/1.0.0.yaml": specYaml({ name: "b2" }),
  "specs/broken/1.0.0.yaml": BAD_SPEC_YAML,
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

const payload = {
  ref: "refs/heads/main",
  before: first,
  after: second,
  repository: { full_name: "acme/images" },
  commits: [
    {
      id: second,
      added: ["specs/broken/1.0.0.yaml"],
      modified: ["specs/tool-b/1.0.0.yaml", "specs/tool-a/1.0.0.yaml"],
    },
  ],
};

describe("reporting", () => {
  it("statuses arrive pending then success (or failure with the reason) exactly once per spec; a digest of what could not build at once, one of the ends later", async () => {
    const pai = await startPaiServer({ failingImageNames: ["tool-b"] });
    const git = await startGitHostServer({ repoDir: repo.dir, repository: "acme/images" });
    const chat = await startChatServer({
      secrets: { dingtalk: "SECdingtalk-secret", lark: "lark-secret-value" },
    });
    try {
      const env = handlerEnv({
        pai,
        github: git,
        repoDir: repo.dir,
        extra: {
          IMAGEBUILD_STATUS_TARGET_URL: "https://console.example.com/jobs/{jobId}",
          IMAGEBUILD_ALLOWED_CHAT_HOSTS: chat.host,
          IMAGEBUILD_DINGTALK_WEBHOOK_URL: chat.webhooks.dingtalk,
          IMAGEBUILD_DINGTALK_SECRET: "SECdingtalk-secret",
          IMAGEBUILD_LARK_WEBHOOK_URL: chat.webhooks.lark,
          IMAGEBUILD_LARK_SECRET: "lark-secret-value",
          IMAGEBUILD_SLACK_WEBHOOK_URL: chat.webhooks.slack,
        },
      });
      const { handler, lines, queue } = setupHandler(env);
      const event = githubPushEvent({ payload });
      const answer = parse(await handler(buffer(event)));
      expect(answer.statusCode).toBe(202);
      // The follow records run until both jobs end; a redelivery to the same instance posts nothing again.
      await queue.idle();
      await handler(buffer(event));
      await queue.idle();
      const byContext = (context: string) =>
        git.statuses.filter((status) => status.context === context).map((status) => status.state);
      expect(byContext("imagebuild/tool-a:1.0.0")).toEqual(["pending", "success"]);
      expect(byContext("imagebuild/tool-b:1.0.0")).toEqual(["pending", "failure"]);
      expect(byContext("imagebuild/broken:1.0.0")).toEqual(["failure"]);
      const broken = git.statuses.find((status) => status.context === "imagebuild/broken:1.0.0");
      expect(broken?.description).toMatch(/specs\/broken\/1\.0\.0\.yaml:\d+/);
      const pending = git.statuses.find((status) => status.context === "imagebuild/tool-a:1.0.0");
      expect(pending?.targetUrl).toMatch(/^https:\/\/console\.example\.com\/jobs\/dlc-/);
      expect(pending?.sha).toBe(second);
      const failed = git.statuses.filter(
        (status) => status.context === "imagebuild/tool-b:1.0.0",
      )[1];
      expect(failed?.description).toMatch(/failed: .+/);
      // Following is on: per service, one digest at once for what could not build, one with the ends.
      expect(chat.digests.map((digest) => digest.channel).sort()).toEqual([
        "dingtalk",
        "dingtalk",
        "lark",
        "lark",
        "slack",
        "slack",
      ]);
      expect(chat.digests.every((digest) => digest.channel === "slack" || digest.signed)).toBe(
        true,
      );
      const [settled, ends] = chat.digests
        .filter((digest) => digest.channel === "slack")
        .map((digest) => digest.text);
      expect(settled).toMatch(
        /imagebuild\/broken:1\.0\.0 invalid: specs\/broken\/1\.0\.0\.yaml:\d+/,
      );
      expect(settled).not.toMatch(/tool-a/);
      expect(ends).toMatch(/imagebuild\/tool-a:1\.0\.0 built/);
      expect(ends).toMatch(/imagebuild\/tool-b:1\.0\.0 job \S+ Failed/);
      for (const secret of [
        "SECdingtalk-secret",
        "lark-secret-value",
        "local-slack-secret",
        "local-dingtalk-token",
      ])
        expect(lines.join("\n")).not.toContain(secret);
    } finally {
      await chat.close();
      await git.close();
      await pai.close();
    }
  }, 30_000);

  it("a private repository without a token: an error answer and an error status per spec, never skipped", async () => {
    const pai = await startPaiServer();
    try {
      const env = handlerEnv({ pai, github: privateHost, repoDir: repo.dir });
      // A token that can post statuses but not read (the reads go without it: a wrong scope looks the same).
      const { handler } = setupHandler({ ...env, IMAGEBUILD_GITHUB_TOKEN: "" });
      // Accepted (the read happens in the worker), then answered by the worker with an error per spec.
      const answer = parse(await handler(buffer(githubPushEvent({ payload }))));
      expect(answer.statusCode).toBe(202);
      expect((answer.body.results as { status: string }[]).every((r) => r.status === "error")).toBe(
        true,
      );
      expect(JSON.stringify(answer.body)).not.toContain('"skipped"');
      // Statuses need a token: configured with one, the reporter posts an error status per spec.
      const open = await startGitHostServer({ repoDir: repo.dir, repository: "acme/images" });
      const config = loadConfig({
        ...env,
        IMAGEBUILD_GITHUB_API_URL: open.url,
        IMAGEBUILD_ALLOWED_SOURCE_HOSTS: open.host,
      });
      try {
        const reporter = createReporter({
          config,
          log: createLogger({ write: () => {} }),
        });
        await reporter.reportSubmitted({
          trigger: {
            kind: "push",
            provider: "github",
            repository: "acme/images",
            branch: "main",
            commit: second,
            deliveryKey: "d1",
          },
          results: answer.body.results as SpecResult[],
        });
        expect(open.statuses.map((status) => status.state)).toEqual(["error", "error", "error"]);
        expect(open.statuses[0]?.description).toMatch(/not read: .*HTTP 404/);
      } finally {
        await open.close();
      }
    } finally {
      await pai.close();
    }
  });
});
