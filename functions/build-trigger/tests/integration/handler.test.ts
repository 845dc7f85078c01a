/** The handler against real stub servers: webhooks, the response deadline, OSS uploads, timers, exactly-once builds. */
import { createHmac } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaiClient } from "@imagebuild/pai-client";
import { createHandler } from "../../src/create-handler.ts";
import { startLocalOssServer } from "../../src/dev/local-oss-server.ts";
import { createLogger } from "../../src/logger.ts";
import {
  GITHUB_SECRET,
  githubPush,
  githubPushEvent,
  httpEvent,
  ossEvent,
  settling,
  timerEvent,
} from "../fixtures/events.ts";
import { startGitHostServer, type GitHostServer } from "../fixtures/git-host-server.ts";
import { startPaiServer, type PaiServer } from "../fixtures/pai-server.ts";
import {
  BAD_SPEC_YAML,
  createSpecRepo,
  DEFAULTS_YAML,
  specYaml,
  writeFiles,
} from "../fixtures/spec-repo.ts";

const SPECS = ["specs/tool-a/1.0.0.yaml", "specs/tool-b/1.0.0.yaml", "specs/tool-c/1.0.0.yaml"];
const repo = createSpecRepo({
  files: {
    "specs/tool-a/1.0.0.yaml": specYaml({ name: "a" }),
    "specs/tool-b/1.0.0.yaml": specYaml({ name: "b" }),
    "specs/tool-c/1.0.0.yaml": specYaml({ name: "c" }),
    "specs/nightly/1.0.0.yaml": specYaml({ name: "nightly", schedule: "0 0 4 * * *" }),
  },
});
const bucketDir = mkdtempSync(path.join(tmpdir(), "bucket-"));
writeFiles(bucketDir, {
  "specs/_defaults.yaml": DEFAULTS_YAML.replace("REGISTRY", "127.0.0.1:5000/pai"),
  "specs/good/1.0.0.yaml": specYaml({ name: "good" }),
  "specs/broken/1.0.0.yaml": BAD_SPEC_YAML,
});

let github: GitHostServer;
beforeAll(async () => {
  github = await startGitHostServer({ repoDir: repo.dir, repository: "acme/images" });
});
afterAll(() => github.close());

function setup(pai: PaiServer, extra: Record<string, string> = {}) {
  const lines: string[] = [];
  const env = setupEnv(pai, extra);
  const log = createLogger({
    secrets: [
      GITHUB_SECRET,
      "old-secret-value",
      "gitlab-token-value",
      "codeup-token-value",
      "ghp_secret_api_token",
    ],
    write: (line) => lines.push(line),
  });
  return { handler: settling(createHandler({ env, log })), lines };
}

function setupEnv(pai: PaiServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    IMAGEBUILD_ENDPOINT: pai.url,
    IMAGEBUILD_ENV: "local",
    IMAGEBUILD_ALLOWED_REPOSITORIES: "acme/images",
    IMAGEBUILD_GITHUB_WEBHOOK_SECRETS: `old-secret-value,${GITHUB_SECRET}`,
    IMAGEBUILD_GITLAB_WEBHOOK_TOKENS: "gitlab-token-value",
    IMAGEBUILD_CODEUP_WEBHOOK_TOKENS: "codeup-token-value",
    IMAGEBUILD_GITHUB_API_URL: github.url,
    IMAGEBUILD_GITHUB_TOKEN: "ghp_secret_api_token",
    IMAGEBUILD_ALLOWED_SOURCE_HOSTS: github.host,
    IMAGEBUILD_TIMER_SOURCE: `git:${repo.dir}@main`,
    IMAGEBUILD_RATE_PER_SECOND: "200",
    ...extra,
  };
}

const buffer = (event: unknown) => Buffer.from(JSON.stringify(event));
const parse = (response: unknown) => {
  const { statusCode, body } = response as { statusCode: number; body: string };
  return { statusCode, body: JSON.parse(body) as Record<string, unknown> };
};
const push = githubPush({ files: SPECS, after: repo.sha });

describe("GitHub push", () => {
  it("builds each added spec once, at the pushed commit, and answers 202 with a result per spec", async () => {
    const pai = await startPaiServer();
    try {
      const { handler, lines } = setup(pai);
      const response = parse(
        await handler(buffer(githubPushEvent({ payload: push })), { requestId: "r1" }),
      );
      expect(response.statusCode).toBe(202);
      const results = response.body.results as { file: string; status: string }[];
      expect(results.map((r) => [r.file, r.status])).toEqual(
        SPECS.map((file) => [file, "submitted"]),
      );
      expect([...pai.builds.values()].map((b) => b.imageUri).sort()).toEqual([
        "127.0.0.1:5000/pai/tool-a:1.0.0",
        "127.0.0.1:5000/pai/tool-b:1.0.0",
        "127.0.0.1:5000/pai/tool-c:1.0.0",
      ]);
      expect(github.requests.some((r) => r.includes(`ref=${repo.sha}`))).toBe(true);
      const log = lines.join("");
      for (const secret of [GITHUB_SECRET, "old-secret-value", "ghp_secret_api_token"])
        expect(log).not.toContain(secret);
    } finally {
      await pai.close();
    }
  });

  it("replayed 20 times in sequence (fresh instance memory each time): one build per spec", async () => {
    const pai = await startPaiServer();
    try {
      for (let i = 0; i < 20; i++) {
        const { handler } = setup(pai);
        expect(parse(await handler(buffer(githubPushEvent({ payload: push })))).statusCode).toBe(
          202,
        );
      }
      expect(pai.calls).toBe(60);
      expect(pai.builds.size).toBe(3);
    } finally {
      await pai.close();
    }
  });

  it("replayed 20 times concurrently, on one instance and on 20 instances: one build per spec", async () => {
    const pai = await startPaiServer({ delayMs: 20 });
    try {
      const shared = setup(pai).handler;
      const responses = await Promise.all([
        ...Array.from({ length: 20 }, () => shared(buffer(githubPushEvent({ payload: push })))),
        ...Array.from({ length: 20 }, () =>
          setup(pai).handler(buffer(githubPushEvent({ payload: push }))),
        ),
      ]);
      expect(responses.map((r) => parse(r).statusCode)).toEqual(Array(40).fill(202));
      expect(pai.builds.size).toBe(3);
    } finally {
      await pai.close();
    }
  });

  it("a forged or missing signature: 401, nothing fetched, nothing built", async () => {
    const pai = await startPaiServer();
    try {
      const { handler, lines } = setup(pai);
      const fetchedBefore = github.requests.length;
      const forged = githubPushEvent({ payload: push, secret: "not-the-secret" });
      expect(parse(await handler(buffer(forged))).statusCode).toBe(401);
      const unsigned = githubPushEvent({ payload: push });
      delete (unsigned.headers as Record<string, string>)["X-Hub-Signature-256"];
      expect(parse(await handler(buffer(unsigned))).statusCode).toBe(401);
      const tampered = githubPushEvent({ payload: push });
      tampered.body = tampered.body.replace("tool-a", "tool-z");
      expect(parse(await handler(buffer(tampered))).statusCode).toBe(401);
      expect(github.requests.length).toBe(fetchedBefore);
      expect(pai.calls).toBe(0);
      expect(lines.join("")).not.toContain(GITHUB_SECRET);
    } finally {
      await pai.close();
    }
  });

  it("503 or throttling on the first attempts: each spec built exactly once", async () => {
    for (const failure of ["503", "throttle"] as const) {
      const pai = await startPaiServer({ failFirst: 2, failure });
      try {
        const { handler } = setup(pai);
        const response = parse(await handler(buffer(githubPushEvent({ payload: push }))));
        expect(response.statusCode).toBe(202);
        expect(
          (response.body.results as { status: string }[]).every((r) => r.status === "submitted"),
        ).toBe(true);
        expect(pai.calls).toBe(9);
        expect(pai.builds.size).toBe(3);
      } finally {
        await pai.close();
      }
    }
  });

  it("accepts a base64 body, answers ping, ignores other events, branches and repositories", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      expect(
        parse(await handler(buffer(githubPushEvent({ payload: push, base64: true })))).statusCode,
      ).toBe(202);
      expect(pai.builds.size).toBe(3);
      expect(
        parse(await handler(buffer(githubPushEvent({ payload: { zen: "hi" }, event: "ping" }))))
          .body.status,
      ).toBe("pong");
      const issues = parse(
        await handler(buffer(githubPushEvent({ payload: {}, event: "issues" }))),
      );
      expect(issues).toMatchObject({ statusCode: 202, body: { status: "ignored" } });
      const branch = githubPushEvent({
        payload: githubPush({ files: SPECS, after: repo.sha, ref: "refs/heads/feature" }),
        delivery: "d2",
      });
      expect(parse(await handler(buffer(branch))).body.reason).toMatch(/branch feature/);
      const other = githubPushEvent({
        payload: githubPush({ files: SPECS, after: repo.sha, repository: "evil/repo" }),
        delivery: "d3",
      });
      expect(parse(await handler(buffer(other))).body.reason).toMatch(/evil\/repo/);
      expect(pai.calls).toBe(3);
    } finally {
      await pai.close();
    }
  });

  it("accepts GitHub's form-encoded content type (payload=…), signed over the raw form body", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      const body = new URLSearchParams({ payload: JSON.stringify(push) }).toString();
      const signature = `sha256=${createHmac("sha256", GITHUB_SECRET).update(body).digest("hex")}`;
      const event = httpEvent({
        body,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Github-Event": "push",
          "X-Github-Delivery": "form-1",
          "X-Hub-Signature-256": signature,
        },
      });
      expect(parse(await handler(buffer(event))).statusCode).toBe(202);
      expect(pai.builds.size).toBe(3);
    } finally {
      await pai.close();
    }
  });

  it("reports removed specs without building them; a bad body is 400 naming the field", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      const removed = githubPushEvent({
        payload: githubPush({ files: [], removed: ["specs/old/1.0.0.yaml"], after: repo.sha }),
        delivery: "d4",
      });
      const response = parse(await handler(buffer(removed)));
      expect(response.body.results).toEqual([
        {
          file: "specs/old/1.0.0.yaml",
          status: "removed",
          reason: "removed in this push; nothing built",
        },
      ]);
      const bad = githubPushEvent({ payload: { ...push, after: "not-a-sha" }, delivery: "d5" });
      const invalid = parse(await handler(buffer(bad)));
      expect(invalid.statusCode).toBe(400);
      expect(String(invalid.body.message)).toMatch(/github push body: after: must match/);
      expect(pai.calls).toBe(0);
    } finally {
      await pai.close();
    }
  });
});

describe("HTTP trigger failures", () => {
  it("a PAI client that cannot be made: 422, nothing remembered, and a redelivery tries again", async () => {
    const pai = await startPaiServer();
    try {
      let broken = true;
      const handler = settling(
        createHandler({
          env: setupEnv(pai),
          log: createLogger({ write: () => {} }),
          clientFor: () => {
            if (broken) throw Object.assign(new Error("no endpoint"), { code: "ENDPOINT_INVALID" });
            return createPaiClient({ endpoint: pai.url, env: {} });
          },
        }),
      );
      const delivery = buffer(githubPushEvent({ payload: push, delivery: "broken-1" }));
      expect(parse(await handler(delivery)).statusCode).toBe(422);
      broken = false;
      expect(parse(await handler(delivery)).statusCode).toBe(202);
      expect(pai.builds.size).toBe(3);
    } finally {
      await pai.close();
    }
  });
});

describe("HTTP trigger basics", () => {
  it("GET /healthz, 413 over the body limit, 405 for other methods", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai, { IMAGEBUILD_BODY_LIMIT_BYTES: "2048" });
      expect(
        parse(await handler(buffer(httpEvent({ body: "", method: "GET", path: "/healthz" })))),
      ).toEqual({ statusCode: 200, body: { status: "ok" } });
      const big = githubPushEvent({ payload: { ...push, padding: "x".repeat(4096) } });
      expect(parse(await handler(buffer(big))).statusCode).toBe(413);
      expect(parse(await handler(buffer(httpEvent({ body: "", method: "PUT" })))).statusCode).toBe(
        405,
      );
      expect(pai.calls).toBe(0);
    } finally {
      await pai.close();
    }
  });
});

describe("the HTTP response deadline", () => {
  it("a dispatch still running at the deadline: 202 accepted at once, a redelivery joins it, one build per spec", async () => {
    let release = () => {};
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pai = await startPaiServer({ hold });
    try {
      const handler = createHandler({
        env: setupEnv(pai, { IMAGEBUILD_HTTP_DEADLINE_MS: "100" }),
        log: createLogger({ write: () => {} }),
      });
      const delivery = buffer(githubPushEvent({ payload: push, delivery: "slow-1" }));
      // PAI answers nothing until released, so the deadline must win this race whatever the load.
      const first = parse(await handler(delivery));
      expect(first).toMatchObject({ statusCode: 202, body: { status: "accepted" } });
      expect(first.body.results).toBeUndefined();
      release();
      const second = parse(await settling(handler)(delivery));
      expect(second.body.status).toBe("processed");
      expect((second.body.results as { status: string }[]).map((r) => r.status)).toEqual([
        "submitted",
        "submitted",
        "submitted",
      ]);
      expect(pai.calls).toBe(3);
      expect(pai.builds.size).toBe(3);
    } finally {
      release();
      await pai.close();
    }
  });
});

describe("GitLab and Codeup", () => {
  const gitlabBody = {
    object_kind: "push",
    ref: "refs/heads/main",
    before: "0".repeat(40),
    after: repo.sha,
    project_id: 42,
    project: { path_with_namespace: "acme/images" },
    repository: { name: "images" },
    total_commits_count: 1,
    commits: [{ id: repo.sha, added: ["specs/tool-a/1.0.0.yaml"], modified: [], removed: [] }],
  };

  it("GitLab: X-Gitlab-Token checked, files read through the GitLab API", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai, { IMAGEBUILD_GITLAB_API_URL: github.url });
      const event = (token: string) =>
        httpEvent({
          body: JSON.stringify(gitlabBody),
          headers: {
            "X-Gitlab-Event": "Push Hook",
            "X-Gitlab-Token": token,
            "Idempotency-Key": "k1",
          },
        });
      expect(parse(await handler(buffer(event("wrong")))).statusCode).toBe(401);
      expect(pai.calls).toBe(0);
      const ok = parse(await handler(buffer(event("gitlab-token-value"))));
      expect(ok.statusCode).toBe(202);
      expect(pai.builds.size).toBe(1);
      expect(
        github.requests.some((r) =>
          r.startsWith("GET /api/v4/projects/acme%2Fimages/repository/files/"),
        ),
      ).toBe(true);
    } finally {
      await pai.close();
    }
  });

  it("Codeup: both event header spellings, X-Codeup-Token checked", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai, {
        IMAGEBUILD_CODEUP_API_URL: github.url,
        IMAGEBUILD_CODEUP_ORGANIZATION_ID: "org1",
      });
      for (const header of ["Codeup-Event", "X-Codeup-Event"]) {
        const event = (token: string) =>
          httpEvent({
            body: JSON.stringify(gitlabBody),
            headers: { [header]: "Push Hook", "X-Codeup-Token": token },
          });
        expect(parse(await handler(buffer(event("nope")))).statusCode).toBe(401);
        expect(parse(await handler(buffer(event("codeup-token-value")))).statusCode).toBe(202);
      }
      expect(pai.builds.size).toBe(1);
      const bare = { ...gitlabBody, commits: [{ id: repo.sha }] };
      const noLists = httpEvent({
        body: JSON.stringify(bare),
        headers: { "X-Codeup-Event": "Push Hook", "X-Codeup-Token": "codeup-token-value" },
      });
      expect(parse(await handler(buffer(noLists))).body.reason).toMatch(
        /without added\/modified\/removed/,
      );
    } finally {
      await pai.close();
    }
  });
});

describe("OSS uploads", () => {
  const credentials = {
    accessKeyId: "STS.key",
    accessKeySecret: "sts-secret-value",
    securityToken: "sts-token",
  };

  it("builds a good upload, rejects a bad spec naming file and field with zero builds, ignores other keys", async () => {
    const pai = await startPaiServer();
    const oss = await startLocalOssServer({
      rootDir: bucketDir,
      bucket: "specs-bucket",
      region: "cn-hangzhou",
      credentials,
    });
    try {
      const { handler, lines } = setup(pai, {
        IMAGEBUILD_OSS_ENDPOINT: oss.url,
        IMAGEBUILD_ALLOWED_BUCKETS: "specs-bucket",
      });
      const context = { requestId: "r-oss", credentials };
      const bad = (await handler(
        buffer(ossEvent({ key: "specs/broken/1.0.0.yaml" })),
        context,
      )) as { results: { file: string; status: string; problems: string[] }[] };
      expect(bad.results).toHaveLength(1);
      expect(bad.results[0]).toMatchObject({ file: "specs/broken/1.0.0.yaml", status: "invalid" });
      expect(bad.results[0]?.problems.join("\n")).toMatch(
        /specs\/broken\/1\.0\.0\.yaml:\d+:\d+: .*BuildType/,
      );
      expect(pai.calls).toBe(0);

      for (const key of [
        "other/x/1.0.yaml",
        "specs/../specs/good/1.0.0.yaml",
        "specs/good/notes.txt",
        "specs/_defaults.yaml",
      ]) {
        const ignored = (await handler(buffer(ossEvent({ key })), context)) as {
          results: { status: string }[];
        };
        expect(ignored.results[0]?.status).toBe("ignored");
      }
      // The bucket and region become the OSS host name: a crafted one must not receive the STS token.
      const crafted = ossEvent({ key: "specs/good/1.0.0.yaml" });
      const [record] = crafted.events;
      if (record) record.region = "x@127.0.0.1:1#";
      const redirected = (await handler(buffer(crafted), context)) as {
        results: { status: string; reason: string }[];
      };
      expect(redirected.results[0]).toMatchObject({ status: "ignored", reason: /^region: / });
      const elsewhere = (await handler(
        buffer(ossEvent({ key: "specs/good/1.0.0.yaml", bucket: "other-bucket" })),
        context,
      )) as { results: { status: string }[] };
      expect(elsewhere.results[0]?.status).toBe("ignored");
      expect(pai.calls).toBe(0);

      const good = (await handler(
        buffer(ossEvent({ key: "specs%2Fgood%2F1.0.0.yaml" })),
        context,
      )) as { results: { status: string }[] };
      expect(good.results[0]?.status).toBe("submitted");
      expect(pai.builds.size).toBe(1);
      expect(lines.join("")).not.toContain("sts-secret-value");
    } finally {
      await Promise.all([pai.close(), oss.close()]);
    }
  });

  it("a server failing every attempt: the async invocation throws (FC retries), the retry builds once", async () => {
    const pai = await startPaiServer({ failFirst: 1000, failure: "503" });
    const oss = await startLocalOssServer({
      rootDir: bucketDir,
      bucket: "specs-bucket",
      region: "cn-hangzhou",
      credentials,
    });
    try {
      const { handler } = setup(pai, { IMAGEBUILD_OSS_ENDPOINT: oss.url });
      const event = buffer(ossEvent({ key: "specs/good/1.0.0.yaml" }));
      await expect(handler(event, { credentials })).rejects.toMatchObject({
        code: "BUILD_RETRYABLE",
      });
      expect(pai.builds.size).toBe(0);
      pai.healed = true;
      const retried = (await handler(event, { credentials })) as { results: { status: string }[] };
      expect(retried.results[0]?.status).toBe("submitted");
      await handler(event, { credentials });
      expect(pai.builds.size).toBe(1);
    } finally {
      await Promise.all([pai.close(), oss.close()]);
    }
  });
});

describe("timers", () => {
  it("a retried tick builds its slot once; the next day's tick builds the next dated tag", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      const payload = JSON.stringify({ select: "scheduled", schedule: "0 0 * * * *" });
      for (const triggerTime of [
        "2026-11-27T04:00:00Z",
        "2026-11-27T04:00:09Z",
        "2026-11-27T04:00:00Z",
      ]) {
        const result = (await handler(buffer(timerEvent({ triggerTime, payload })))) as {
          slot: string;
          results: { file: string; status: string }[];
        };
        expect(result.slot).toBe("2026-11-27T04:00:00.000Z");
        expect(result.results.map((r) => [r.file, r.status])).toEqual([
          ["specs/nightly/1.0.0.yaml", "submitted"],
        ]);
      }
      expect(pai.builds.size).toBe(1);
      const notDue = (await handler(
        buffer(timerEvent({ triggerTime: "2026-11-27T05:00:00Z", payload })),
      )) as { results: unknown[] };
      expect(notDue.results).toEqual([]);
      await handler(buffer(timerEvent({ triggerTime: "2026-11-28T04:00:01Z", payload })));
      expect([...pai.builds.values()].map((b) => b.imageUri).sort()).toEqual([
        "127.0.0.1:5000/pai/nightly:1.0.0-20261127",
        "127.0.0.1:5000/pai/nightly:1.0.0-20261128",
      ]);
    } finally {
      await pai.close();
    }
  });

  it("a glob payload rebuilds the matching specs at the trigger's slot, once per slot", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      const payload = JSON.stringify({
        select: "glob",
        glob: "specs/tool-*/*.yaml",
        schedule: "0 0 4 * * *",
      });
      await handler(buffer(timerEvent({ triggerTime: "2026-11-27T04:00:00Z", payload })));
      await handler(buffer(timerEvent({ triggerTime: "2026-11-27T04:00:30Z", payload })));
      expect(pai.builds.size).toBe(3);
    } finally {
      await pai.close();
    }
  });

  it("reads production sources at the branch's commit: github:<repo>@main and gitlab:<project>@main", async () => {
    for (const timerSource of ["github:acme/images@main", "gitlab:42@main"]) {
      const pai = await startPaiServer();
      try {
        const { handler } = setup(pai, {
          IMAGEBUILD_TIMER_SOURCE: timerSource,
          IMAGEBUILD_GITLAB_API_URL: github.url,
        });
        const payload = JSON.stringify({ select: "scheduled", schedule: "0 0 * * * *" });
        const result = (await handler(
          buffer(timerEvent({ triggerTime: "2026-11-27T04:00:00Z", payload })),
        )) as { results: { file: string; status: string }[] };
        expect(result.results.map((r) => [r.file, r.status])).toEqual([
          ["specs/nightly/1.0.0.yaml", "submitted"],
        ]);
        expect(pai.builds.size).toBe(1);
      } finally {
        await pai.close();
      }
    }
    expect(github.requests.some((r) => r === "GET /repos/acme/images/commits/main")).toBe(true);
    expect(
      github.requests.some((r) => r === "GET /api/v4/projects/42/repository/branches/main"),
    ).toBe(true);
  });

  it("a bad payload is reported, not retried", async () => {
    const pai = await startPaiServer();
    try {
      const { handler } = setup(pai);
      const result = (await handler(buffer(timerEvent({ payload: '{"select":"glob"}' })))) as {
        status: string;
        error: { message: string };
      };
      expect(result.status).toBe("failed");
      expect(result.error.message).toMatch(/payload\.glob/);
    } finally {
      await pai.close();
    }
  });
});
